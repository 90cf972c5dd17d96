import { OAuth2Client } from 'google-auth-library';
import type { OAuthClientConfig } from './oauth-client-config.js';
import type { PublishEndpoints } from './publish-endpoints.js';

/** Google's OAuth2Client for the user's client, talking to `endpoints` (Google's, or a test's fake). */
export function createOAuthClient(client: OAuthClientConfig, endpoints: PublishEndpoints, redirectUri?: string): OAuth2Client {
  return new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    ...(redirectUri ? { redirectUri } : {}),
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl },
  });
}

/** A client that signs its requests with an access token it gets (and refreshes) from `refreshToken`. */
export function authorizedClient(client: OAuthClientConfig, endpoints: PublishEndpoints, refreshToken: string): OAuth2Client {
  const oauth = createOAuthClient(client, endpoints);
  oauth.setCredentials({ refresh_token: refreshToken });
  return oauth;
}
