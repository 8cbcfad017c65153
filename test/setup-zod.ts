import { config } from 'zod/mini';
import { en } from 'zod/locales';

// The background loads zod's English messages (entrypoints/background.ts); tests do the same.
config(en());
