/**
 * SES bounces and complaints about an invitation mail mark that invitation, as staff see it in the list; a transient
 * bounce, or an event about another mail, marks nothing.
 */
import type { Context, SNSEvent } from 'aws-lambda';
import { startTestApp, type TestApp } from '#harness/app';
import { invitationsOf, inviteOne } from '#harness/portal';
import { handler } from '../functions/mail-events';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** The SNS event carrying one SES configuration-set event, as the delivery-events topic delivers it. */
const snsEvent = (ses: Record<string, unknown>): SNSEvent =>
  ({ Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(ses) } }] }) as unknown as SNSEvent;
const context = { awsRequestId: 'test', functionName: 'mail-events' } as Context;

const invitationOf = async (invitationId: string) => (await invitationsOf(app, 'status=pending')).find((i) => i.id === invitationId) as unknown as { sesMessageId: string; deliveryFailure: unknown };

describe('SES delivery events', () => {
  it('a permanent bounce marks the invitation its mail belonged to, with the diagnostic', async () => {
    const invited = await inviteOne(app);
    const { sesMessageId } = await invitationOf(invited.invitationId);
    await handler(
      snsEvent({
        eventType: 'Bounce',
        mail: { messageId: sesMessageId },
        bounce: { bounceType: 'Permanent', timestamp: '2030-01-01T10:00:00.000Z', bouncedRecipients: [{ emailAddress: invited.email, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
      }),
      context,
    );
    expect((await invitationOf(invited.invitationId)).deliveryFailure).toEqual({ type: 'bounce', at: '2030-01-01T10:00:00.000Z', detail: 'smtp; 550 5.1.1 user unknown' });
  });

  it('a complaint marks it too', async () => {
    const invited = await inviteOne(app);
    const { sesMessageId } = await invitationOf(invited.invitationId);
    await handler(snsEvent({ eventType: 'Complaint', mail: { messageId: sesMessageId }, complaint: { timestamp: '2030-01-02T10:00:00.000Z', complainedRecipients: [{ emailAddress: invited.email }] } }), context);
    expect((await invitationOf(invited.invitationId)).deliveryFailure).toEqual({ type: 'complaint', at: '2030-01-02T10:00:00.000Z' });
  });

  it('a transient bounce, or a bounce of another mail to the same address, marks nothing', async () => {
    const invited = await inviteOne(app);
    const { sesMessageId } = await invitationOf(invited.invitationId);
    const bounce = (messageId: string, bounceType: string) =>
      snsEvent({ eventType: 'Bounce', mail: { messageId }, bounce: { bounceType, bouncedRecipients: [{ emailAddress: invited.email }] } });
    await handler(bounce(sesMessageId, 'Transient'), context);
    await handler(bounce('some-other-message', 'Permanent'), context);
    expect((await invitationOf(invited.invitationId)).deliveryFailure).toBeNull();
  });
});
