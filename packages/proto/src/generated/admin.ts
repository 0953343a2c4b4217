import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddNodeRequest as _millrace_v1_AddNodeRequest, AddNodeRequest__Output as _millrace_v1_AddNodeRequest__Output } from './millrace/v1/AddNodeRequest.js';
import type { AddNodeResponse as _millrace_v1_AddNodeResponse, AddNodeResponse__Output as _millrace_v1_AddNodeResponse__Output } from './millrace/v1/AddNodeResponse.js';
import type { AdminServiceClient as _millrace_v1_AdminServiceClient, AdminServiceDefinition as _millrace_v1_AdminServiceDefinition } from './millrace/v1/AdminService.js';
import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from './millrace/v1/BatchEntryError.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from './millrace/v1/ErrorDetails.js';
import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from './millrace/v1/FieldViolation.js';
import type { GetClusterStatusRequest as _millrace_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _millrace_v1_GetClusterStatusRequest__Output } from './millrace/v1/GetClusterStatusRequest.js';
import type { GetClusterStatusResponse as _millrace_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _millrace_v1_GetClusterStatusResponse__Output } from './millrace/v1/GetClusterStatusResponse.js';
import type { GetRoutingTableRequest as _millrace_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _millrace_v1_GetRoutingTableRequest__Output } from './millrace/v1/GetRoutingTableRequest.js';
import type { Group as _millrace_v1_Group, Group__Output as _millrace_v1_Group__Output } from './millrace/v1/Group.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from './millrace/v1/LeaderHint.js';
import type { ListGroupsRequest as _millrace_v1_ListGroupsRequest, ListGroupsRequest__Output as _millrace_v1_ListGroupsRequest__Output } from './millrace/v1/ListGroupsRequest.js';
import type { ListGroupsResponse as _millrace_v1_ListGroupsResponse, ListGroupsResponse__Output as _millrace_v1_ListGroupsResponse__Output } from './millrace/v1/ListGroupsResponse.js';
import type { ListNodesRequest as _millrace_v1_ListNodesRequest, ListNodesRequest__Output as _millrace_v1_ListNodesRequest__Output } from './millrace/v1/ListNodesRequest.js';
import type { ListNodesResponse as _millrace_v1_ListNodesResponse, ListNodesResponse__Output as _millrace_v1_ListNodesResponse__Output } from './millrace/v1/ListNodesResponse.js';
import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from './millrace/v1/MessageAttributeValue.js';
import type { Node as _millrace_v1_Node, Node__Output as _millrace_v1_Node__Output } from './millrace/v1/Node.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from './millrace/v1/PageRequest.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from './millrace/v1/PageResponse.js';
import type { RemoveNodeRequest as _millrace_v1_RemoveNodeRequest, RemoveNodeRequest__Output as _millrace_v1_RemoveNodeRequest__Output } from './millrace/v1/RemoveNodeRequest.js';
import type { RemoveNodeResponse as _millrace_v1_RemoveNodeResponse, RemoveNodeResponse__Output as _millrace_v1_RemoveNodeResponse__Output } from './millrace/v1/RemoveNodeResponse.js';
import type { Replica as _millrace_v1_Replica, Replica__Output as _millrace_v1_Replica__Output } from './millrace/v1/Replica.js';
import type { Route as _millrace_v1_Route, Route__Output as _millrace_v1_Route__Output } from './millrace/v1/Route.js';
import type { RouteNode as _millrace_v1_RouteNode, RouteNode__Output as _millrace_v1_RouteNode__Output } from './millrace/v1/RouteNode.js';
import type { RoutingTable as _millrace_v1_RoutingTable, RoutingTable__Output as _millrace_v1_RoutingTable__Output } from './millrace/v1/RoutingTable.js';
import type { TransferLeadershipRequest as _millrace_v1_TransferLeadershipRequest, TransferLeadershipRequest__Output as _millrace_v1_TransferLeadershipRequest__Output } from './millrace/v1/TransferLeadershipRequest.js';
import type { TransferLeadershipResponse as _millrace_v1_TransferLeadershipResponse, TransferLeadershipResponse__Output as _millrace_v1_TransferLeadershipResponse__Output } from './millrace/v1/TransferLeadershipResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      AddNodeRequest: MessageTypeDefinition<_millrace_v1_AddNodeRequest, _millrace_v1_AddNodeRequest__Output>
      AddNodeResponse: MessageTypeDefinition<_millrace_v1_AddNodeResponse, _millrace_v1_AddNodeResponse__Output>
      /**
       * AdminService reports on the cluster and changes its membership. Reads are answered by any node from
       * its copy of the controller's state; changes go through the controller (the meta group).
       */
      AdminService: SubtypeConstructor<typeof grpc.Client, _millrace_v1_AdminServiceClient> & { service: _millrace_v1_AdminServiceDefinition }
      BatchEntryError: MessageTypeDefinition<_millrace_v1_BatchEntryError, _millrace_v1_BatchEntryError__Output>
      ErrorDetails: MessageTypeDefinition<_millrace_v1_ErrorDetails, _millrace_v1_ErrorDetails__Output>
      FieldViolation: MessageTypeDefinition<_millrace_v1_FieldViolation, _millrace_v1_FieldViolation__Output>
      GetClusterStatusRequest: MessageTypeDefinition<_millrace_v1_GetClusterStatusRequest, _millrace_v1_GetClusterStatusRequest__Output>
      GetClusterStatusResponse: MessageTypeDefinition<_millrace_v1_GetClusterStatusResponse, _millrace_v1_GetClusterStatusResponse__Output>
      GetRoutingTableRequest: MessageTypeDefinition<_millrace_v1_GetRoutingTableRequest, _millrace_v1_GetRoutingTableRequest__Output>
      Group: MessageTypeDefinition<_millrace_v1_Group, _millrace_v1_Group__Output>
      GroupKind: EnumTypeDefinition
      LeaderHint: MessageTypeDefinition<_millrace_v1_LeaderHint, _millrace_v1_LeaderHint__Output>
      ListGroupsRequest: MessageTypeDefinition<_millrace_v1_ListGroupsRequest, _millrace_v1_ListGroupsRequest__Output>
      ListGroupsResponse: MessageTypeDefinition<_millrace_v1_ListGroupsResponse, _millrace_v1_ListGroupsResponse__Output>
      ListNodesRequest: MessageTypeDefinition<_millrace_v1_ListNodesRequest, _millrace_v1_ListNodesRequest__Output>
      ListNodesResponse: MessageTypeDefinition<_millrace_v1_ListNodesResponse, _millrace_v1_ListNodesResponse__Output>
      MessageAttributeValue: MessageTypeDefinition<_millrace_v1_MessageAttributeValue, _millrace_v1_MessageAttributeValue__Output>
      Node: MessageTypeDefinition<_millrace_v1_Node, _millrace_v1_Node__Output>
      NodeState: EnumTypeDefinition
      PageRequest: MessageTypeDefinition<_millrace_v1_PageRequest, _millrace_v1_PageRequest__Output>
      PageResponse: MessageTypeDefinition<_millrace_v1_PageResponse, _millrace_v1_PageResponse__Output>
      RemoveNodeRequest: MessageTypeDefinition<_millrace_v1_RemoveNodeRequest, _millrace_v1_RemoveNodeRequest__Output>
      RemoveNodeResponse: MessageTypeDefinition<_millrace_v1_RemoveNodeResponse, _millrace_v1_RemoveNodeResponse__Output>
      Replica: MessageTypeDefinition<_millrace_v1_Replica, _millrace_v1_Replica__Output>
      ReplicaRole: EnumTypeDefinition
      Route: MessageTypeDefinition<_millrace_v1_Route, _millrace_v1_Route__Output>
      RouteNode: MessageTypeDefinition<_millrace_v1_RouteNode, _millrace_v1_RouteNode__Output>
      RoutingTable: MessageTypeDefinition<_millrace_v1_RoutingTable, _millrace_v1_RoutingTable__Output>
      TransferLeadershipRequest: MessageTypeDefinition<_millrace_v1_TransferLeadershipRequest, _millrace_v1_TransferLeadershipRequest__Output>
      TransferLeadershipResponse: MessageTypeDefinition<_millrace_v1_TransferLeadershipResponse, _millrace_v1_TransferLeadershipResponse__Output>
    }
  }
}

