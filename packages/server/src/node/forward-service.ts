import { type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js";
import { ErrorCode, MillraceError } from "@millrace/common";
import { gatewayCallContext, toServiceError } from "@millrace/gateway";
import { type internalV1 } from "@millrace/proto";
import { partitionCallMethod, type PartitionRouter } from "./partition-router.js";

/** PeerService.Forward: runs a call another node's gateway forwarded here. */
export function serveForward(
  partitions: PartitionRouter,
  call: ServerUnaryCall<internalV1.ForwardRequest__Output, internalV1.ForwardResponse>,
  callback: sendUnaryData<internalV1.ForwardResponse>,
): void {
  const request = call.request;
  const run = async (): Promise<Uint8Array> => {
    if (request.hopCount > 1) {
      throw new MillraceError(ErrorCode.UNAVAILABLE, "refusing a call forwarded more than once");
    }
    if (request.method !== partitionCallMethod) {
      throw new MillraceError(ErrorCode.INVALID_ARGUMENT, `cannot forward ${request.method}`, {
        details: { field: "method" },
      });
    }
    // The whole context, so a long poll forwarded here ends when the forwarding node cancels it.
    return partitions.serve(request, gatewayCallContext(call));
  };
  run().then(
    (response) => callback(null, { response }),
    (error: unknown) => callback(toServiceError(error)),
  );
}
