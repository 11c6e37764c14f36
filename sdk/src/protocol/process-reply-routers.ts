import { ReplyRouter, type ReplyRouterUser } from './reply-router.js';

/** The routers of this process, one per consumed queue (see `FiksIoClient.queueKey`). */
const routers = new Map<unknown, ReplyRouter>();

/**
 * Attaches a requester to the process-wide router of its client's queue, creating the router
 * (and its one consumer) for the first requester on that queue.
 */
export async function attachToReplyRouter(user: ReplyRouterUser): Promise<ReplyRouter> {
  const key = user.client.queueKey;
  let router = routers.get(key);
  if (router === undefined) {
    router = new ReplyRouter();
    routers.set(key, router);
  }
  try {
    await router.attach(user);
  } catch (error) {
    await detachFromReplyRouter(router, user);
    throw error;
  }
  return router;
}

/** Detaches a requester; the last one on a queue stops its consumer and removes the router. */
export async function detachFromReplyRouter(
  router: ReplyRouter,
  user: ReplyRouterUser,
  options: { graceMs?: number } = {},
): Promise<void> {
  const key = user.client.queueKey;
  if (router.users <= 1 && routers.get(key) === router) routers.delete(key);
  await router.detach(user, options);
}
