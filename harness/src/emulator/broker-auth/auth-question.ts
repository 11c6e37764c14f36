/**
 * A question RabbitMQ's HTTP auth back end (`rabbitmq_auth_backend_http`) asks: may this user log
 * in (`user`), open this virtual host (`vhost`), use this exchange or queue (`resource`), or this
 * topic (`topic`)? The form fields are RabbitMQ's; the answer is `allow` or `deny`.
 */
export type AuthQuestion =
  | { kind: 'user'; username: string; password: string }
  | { kind: 'vhost'; username: string; vhost: string }
  | {
      kind: 'resource';
      username: string;
      vhost: string;
      resource: string;
      name: string;
      permission: string;
    }
  | {
      kind: 'topic';
      username: string;
      vhost: string;
      resource: string;
      name: string;
      permission: string;
      routingKey: string;
    };

/** The four paths the broker is configured with (`auth_http.user_path` …), under one base URL. */
export const AUTH_PATHS = {
  user: '/auth/user',
  vhost: '/auth/vhost',
  resource: '/auth/resource',
  topic: '/auth/topic',
} as const;

/** Answers questions about the users it knows. */
export interface BrokerAuthority {
  /** The user names this authority answers for (lower case). */
  usernames(): string[];
  /** True to allow. */
  decide(question: AuthQuestion): boolean;
}

/** The question of a request to `path` with these form fields, or undefined for another path or a field missing. */
export function readAuthQuestion(path: string, form: URLSearchParams): AuthQuestion | undefined {
  const field = (name: string) => form.get(name) ?? undefined;
  const username = field('username');
  if (username === undefined) return undefined;
  switch (path) {
    case AUTH_PATHS.user: {
      const password = field('password');
      return password === undefined ? undefined : { kind: 'user', username, password };
    }
    case AUTH_PATHS.vhost: {
      const vhost = field('vhost');
      return vhost === undefined ? undefined : { kind: 'vhost', username, vhost };
    }
    case AUTH_PATHS.resource:
    case AUTH_PATHS.topic: {
      const vhost = field('vhost');
      const resource = field('resource');
      const name = field('name');
      const permission = field('permission');
      if (vhost === undefined || resource === undefined || name === undefined || permission === undefined)
        return undefined;
      if (path === AUTH_PATHS.resource)
        return { kind: 'resource', username, vhost, resource, name, permission };
      return {
        kind: 'topic',
        username,
        vhost,
        resource,
        name,
        permission,
        routingKey: field('routing_key') ?? '',
      };
    }
    default:
      return undefined;
  }
}
