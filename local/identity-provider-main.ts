/**
 * The development identity provider as a process of its own, for the tests (jest loads no ESM-only server): its
 * options as JSON in DEV_IDP_OPTIONS; it prints `READY <issuer>` once listening and stops on SIGTERM.
 */
import { startDevIdentityProvider, type DevIdentityProviderOptions } from './identity-provider';

const options = JSON.parse(process.env.DEV_IDP_OPTIONS ?? '{}') as DevIdentityProviderOptions;
const running = await startDevIdentityProvider(options);
console.log(`READY ${running.issuer}`);
const stop = () => void running.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
