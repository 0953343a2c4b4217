import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ForwardRequest as _millrace_internal_v1_ForwardRequest, ForwardRequest__Output as _millrace_internal_v1_ForwardRequest__Output } from './millrace/internal/v1/ForwardRequest.js';
import type { ForwardResponse as _millrace_internal_v1_ForwardResponse, ForwardResponse__Output as _millrace_internal_v1_ForwardResponse__Output } from './millrace/internal/v1/ForwardResponse.js';
import type { PeerFrame as _millrace_internal_v1_PeerFrame, PeerFrame__Output as _millrace_internal_v1_PeerFrame__Output } from './millrace/internal/v1/PeerFrame.js';
import type { PeerServiceClient as _millrace_internal_v1_PeerServiceClient, PeerServiceDefinition as _millrace_internal_v1_PeerServiceDefinition } from './millrace/internal/v1/PeerService.js';
import type { SnapshotAck as _millrace_internal_v1_SnapshotAck, SnapshotAck__Output as _millrace_internal_v1_SnapshotAck__Output } from './millrace/internal/v1/SnapshotAck.js';
import type { SnapshotChunk as _millrace_internal_v1_SnapshotChunk, SnapshotChunk__Output as _millrace_internal_v1_SnapshotChunk__Output } from './millrace/internal/v1/SnapshotChunk.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    internal: {
      v1: {
        ForwardRequest: MessageTypeDefinition<_millrace_internal_v1_ForwardRequest, _millrace_internal_v1_ForwardRequest__Output>
        ForwardResponse: MessageTypeDefinition<_millrace_internal_v1_ForwardResponse, _millrace_internal_v1_ForwardResponse__Output>
        FrameKind: EnumTypeDefinition
        PeerFrame: MessageTypeDefinition<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output>
        /**
         * PeerService is served by every node on its peer port.
         */
        PeerService: SubtypeConstructor<typeof grpc.Client, _millrace_internal_v1_PeerServiceClient> & { service: _millrace_internal_v1_PeerServiceDefinition }
        SnapshotAck: MessageTypeDefinition<_millrace_internal_v1_SnapshotAck, _millrace_internal_v1_SnapshotAck__Output>
        SnapshotChunk: MessageTypeDefinition<_millrace_internal_v1_SnapshotChunk, _millrace_internal_v1_SnapshotChunk__Output>
      }
    }
  }
}

