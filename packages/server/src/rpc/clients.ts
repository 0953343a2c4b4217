import { credentials, type Client, type ServiceError } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { fromServiceError } from "@millrace/gateway";
import { clientWindowOptions } from "./flow-control.js";

export type Callback<T> = (error: ServiceError | null, value?: T) => void;

/**
 * Calls a unary method, following NOT_LEADER hints to the leader (a few hops at most) and retrying
 * retryable errors with a short backoff, within `deadlineMs` overall.
 */
export async function callWithRedirects<C extends Client, T>(options: {
  endpoint: string;
  make: (address: string) => C;
  call: (client: C, deadline: number, callback: Callback<T>) => void;
  deadlineMs: number;
}): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  let address = options.endpoint;
  for (let attempt = 0; ; attempt++) {
    const client = options.make(address);
    try {
      return await new Promise<T>((resolve, reject) => {
        options.call(client, deadline, (error, value) =>
          error === null ? resolve(value as T) : reject(error),
        );
      });
    } catch (error) {
      const e = fromServiceError(error as ServiceError);
      const hint = e.details.leaderHint?.address;
      if (hint !== undefined && hint !== "" && hint !== address) address = hint;
      if (!e.retryable || Date.now() > deadline || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** Math.min(attempt, 4), 500)));
    } finally {
      client.close();
    }
  }
}

export function adminClient(address: string): v1.AdminServiceClient {
  return new (loadMillraceProto().millrace.v1.AdminService)(
    address,
    credentials.createInsecure(),
    clientWindowOptions,
  );
}

export function logClient(address: string): v1.LogServiceClient {
  return new (loadMillraceProto().millrace.v1.LogService)(
    address,
    credentials.createInsecure(),
    clientWindowOptions,
  );
}
