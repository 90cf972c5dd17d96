/**
 * Where the YouTube refresh token is kept at rest: Electron's safeStorage in the app, a 0600 file in
 * the config folder for the CLI (the app's SecretStore fits this shape). Never a project file.
 */
export interface TokenStore {
  /** How it is protected, in words ("a file readable only by you (…)"). */
  readonly description: string;
  read(): Promise<string | null>;
  write(value: string | null): Promise<void>;
}
