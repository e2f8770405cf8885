import type { Config } from '../config/config.ts';
import type { DoctorTarget } from './run-doctor.ts';

/** What the doctor checks, from the console's own config (`sandboxUrl`: a sandbox started elsewhere). */
export function doctorTarget(config: Readonly<Config>, sandboxUrl?: string): DoctorTarget {
  return {
    stackOne: {
      baseUrl: sandboxUrl ?? config.stackOne.baseUrl,
      apiKey: config.stackOne.apiKey,
      timeoutMs: config.stackOne.timeoutMs,
    },
    isSandbox: config.sandbox !== null,
    publicUrl: config.publicUrl,
    webhookSecretCount: config.webhookSecrets.length,
  };
}
