import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppendRequest as _millrace_v1_AppendRequest, AppendRequest__Output as _millrace_v1_AppendRequest__Output } from './millrace/v1/AppendRequest.js';
import type { AppendResponse as _millrace_v1_AppendResponse, AppendResponse__Output as _millrace_v1_AppendResponse__Output } from './millrace/v1/AppendResponse.js';
import type { LogRecord as _millrace_v1_LogRecord, LogRecord__Output as _millrace_v1_LogRecord__Output } from './millrace/v1/LogRecord.js';
import type { LogServiceClient as _millrace_v1_LogServiceClient, LogServiceDefinition as _millrace_v1_LogServiceDefinition } from './millrace/v1/LogService.js';
import type { ReadRequest as _millrace_v1_ReadRequest, ReadRequest__Output as _millrace_v1_ReadRequest__Output } from './millrace/v1/ReadRequest.js';
import type { ReadResponse as _millrace_v1_ReadResponse, ReadResponse__Output as _millrace_v1_ReadResponse__Output } from './millrace/v1/ReadResponse.js';
import type { TrimRequest as _millrace_v1_TrimRequest, TrimRequest__Output as _millrace_v1_TrimRequest__Output } from './millrace/v1/TrimRequest.js';
import type { TrimResponse as _millrace_v1_TrimResponse, TrimResponse__Output as _millrace_v1_TrimResponse__Output } from './millrace/v1/TrimResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      AppendRequest: MessageTypeDefinition<_millrace_v1_AppendRequest, _millrace_v1_AppendRequest__Output>
      AppendResponse: MessageTypeDefinition<_millrace_v1_AppendResponse, _millrace_v1_AppendResponse__Output>
      LogRecord: MessageTypeDefinition<_millrace_v1_LogRecord, _millrace_v1_LogRecord__Output>
      /**
       * LogService: the replicated append-only log, Millrace's first data state machine. Every record appended
       * and acknowledged is on a quorum of nodes' disks (fsynced) and keeps its sequence number forever. Streams
       * are built on the same machinery; this service exists so the replication layer can be used and tested
       * end to end on its own.
       */
      LogService: SubtypeConstructor<typeof grpc.Client, _millrace_v1_LogServiceClient> & { service: _millrace_v1_LogServiceDefinition }
      ReadRequest: MessageTypeDefinition<_millrace_v1_ReadRequest, _millrace_v1_ReadRequest__Output>
      ReadResponse: MessageTypeDefinition<_millrace_v1_ReadResponse, _millrace_v1_ReadResponse__Output>
      TrimRequest: MessageTypeDefinition<_millrace_v1_TrimRequest, _millrace_v1_TrimRequest__Output>
      TrimResponse: MessageTypeDefinition<_millrace_v1_TrimResponse, _millrace_v1_TrimResponse__Output>
    }
  }
}

