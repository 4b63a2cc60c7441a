/** Single sign-on in the stack: the Cognito pool that brokers SAML providers, its client, and the sso function's secrets. */
import { PORTAL_URL, SAML_PROVIDER, functionOf, only, resources, statementsOfService, actionsOf, template } from '#harness/template';

describe('the Cognito user pool (our OpenID Connect issuer for SAML providers)', () => {
  it('has no self sign-up, email as the sign-in name, and survives a stack deletion', () => {
    const [id, pool] = Object.entries(resources('AWS::Cognito::UserPool'))[0]!;
    expect(Object.keys(resources('AWS::Cognito::UserPool'))).toHaveLength(1);
    expect(pool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(only(resources('AWS::Cognito::UserPoolDomain')).Properties.UserPoolId).toEqual({ Ref: id });
  });

  it('federates each SAML provider of the context, mapping the email and whether it is verified', () => {
    const saml = only(resources('AWS::Cognito::UserPoolIdentityProvider'));
    expect(saml.Properties).toMatchObject({
      ProviderName: SAML_PROVIDER.name,
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: SAML_PROVIDER.metadataUrl },
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', email_verified: 'email_verified' },
    });
  });

  it("has one confidential client: authorization code only, the portal's callback, the SAML providers", () => {
    const client = only(resources('AWS::Cognito::UserPoolClient'));
    expect(client.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      CallbackURLs: [`${PORTAL_URL}/sso/callback`],
      SupportedIdentityProviders: [{ Ref: Object.keys(resources('AWS::Cognito::UserPoolIdentityProvider'))[0] }],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(template.toJSON().Outputs.SsoIssuer.Value['Fn::Join'][1]).toEqual(expect.arrayContaining(['https://cognito-idp.eu-west-1.', '/']));
  });
});

describe.each([
  ['identity', ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']],
  ['sso', ['secretsmanager:GetSecretValue']],
])('the %s function', (service, actions) => {
  it("reaches identity providers' client secrets in Secrets Manager under the stack's prefix only, as it needs them", () => {
    const [, fn] = functionOf(service);
    expect(fn.Properties.Environment.Variables).toMatchObject({ IDP_SECRET_PREFIX: 'ServiceDeskStack/identity-provider/', PORTAL_URL: PORTAL_URL });
    const secretStatements = statementsOfService(service).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    const providerSecrets = secretStatements.filter((s) => JSON.stringify(s.Resource).includes(':secret:ServiceDeskStack/identity-provider/*'));
    expect(providerSecrets).toHaveLength(1);
    expect(actionsOf(providerSecrets[0]!).sort()).toEqual(actions);
    // The only other secret it reads is the session secret (sso issues portal sessions; identity checks them).
    for (const s of secretStatements.filter((x) => !providerSecrets.includes(x))) expect(actionsOf(s).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });
});
