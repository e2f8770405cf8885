import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/** A person at the test IdP: their login is `id` (any password is accepted). */
export interface IdpUser {
  id: string;
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

export const IDP_CLIENT = { id: 'switchboard-test', secret: 'switchboard-test-secret-0123456789' };
const KID = 'test-key-1';

export interface TestIdp {
  /** `http://127.0.0.1:<port>`, the value of OIDC_ISSUER. */
  issuer: string;
  port: number;
  users: Map<string, IdpUser>;
  /** Registers the console's callback URL as the client's redirect URI; the IdP answers from then on. */
  register(redirectUri: string): void;
  setGroups(id: string, groups: string[]): void;
  /**
   * Rewrites the ID token of the next token response: its claims are changed by `change` and the
   * token signed again with the IdP's own key (`withForeignKey`: with a key the IdP never published).
   */
  tamperNextIdToken(change: (claims: JWTPayload) => JWTPayload, options?: { withForeignKey?: boolean }): void;
  /** Stops answering (the port stays reserved for `resume`). */
  close(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
}

/**
 * A real OpenID provider (panva's `oidc-provider`, certified) on a free port, with the given users
 * and a `groups` claim (scope `groups`). Its development login form takes any password; consent is
 * granted without asking, as a company IdP does for its own apps.
 */
export async function startTestIdp(users: IdpUser[]): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const byId = new Map(users.map((u) => [u.id, { ...u }]));
  let tamper: { change: (claims: JWTPayload) => JWTPayload; withForeignKey: boolean } | null = null;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end('no client registered');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration = (redirectUri: string): Configuration => ({
    clients: [
      {
        client_id: IDP_CLIENT.id,
        client_secret: IDP_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    findAccount: (_ctx, id) => {
      const user = byId.get(id);
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: user.email,
          email_verified: user.emailVerified ?? true,
          name: user.name,
          groups: [...user.groups],
        }),
      };
    },
    // The company's own app: consent is implied, every scope asked for is granted.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, params } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    ttl: {
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  });

  const register = (redirectUri: string) => {
    const provider = new Provider(issuer, configuration(redirectUri));
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || !tamper || !body?.id_token) return;
      const { change, withForeignKey } = tamper;
      tamper = null;
      const claims = change(decodeJwt(body.id_token));
      body.id_token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
        .sign(withForeignKey ? foreign.privateKey : privateKey);
    });
    handler = provider.callback();
  };

  return {
    issuer,
    port,
    users: byId,
    register,
    setGroups: (id, groups) => {
      byId.get(id)!.groups = groups;
    },
    tamperNextIdToken: (change, options = {}) => {
      tamper = { change, withForeignKey: options.withForeignKey ?? false };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    resume: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
  };
}
