import { startContent } from './runtime';

export default defineContentScript({
  // The demo backoffice; real backoffices are added per site with optional host permissions.
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  // Start early so the observer is in place before a single-page app renders its rows;
  // the runtime itself waits for the document to be parsed before reading it.
  runAt: 'document_start',
  main(ctx) {
    void startContent(ctx).catch((err: unknown) => console.error('[BuyerLens] could not start', err));
  },
});
