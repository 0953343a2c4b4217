// Original file: proto/millrace/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddNodeRequest as _millrace_v1_AddNodeRequest, AddNodeRequest__Output as _millrace_v1_AddNodeRequest__Output } from '../../millrace/v1/AddNodeRequest.js';
import type { AddNodeResponse as _millrace_v1_AddNodeResponse, AddNodeResponse__Output as _millrace_v1_AddNodeResponse__Output } from '../../millrace/v1/AddNodeResponse.js';
import type { GetClusterStatusRequest as _millrace_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _millrace_v1_GetClusterStatusRequest__Output } from '../../millrace/v1/GetClusterStatusRequest.js';
import type { GetClusterStatusResponse as _millrace_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _millrace_v1_GetClusterStatusResponse__Output } from '../../millrace/v1/GetClusterStatusResponse.js';
import type { GetRoutingTableRequest as _millrace_v1_GetRoutingTableRequest, GetRoutingTableRequest__Output as _millrace_v1_GetRoutingTableRequest__Output } from '../../millrace/v1/GetRoutingTableRequest.js';
import type { ListGroupsRequest as _millrace_v1_ListGroupsRequest, ListGroupsRequest__Output as _millrace_v1_ListGroupsRequest__Output } from '../../millrace/v1/ListGroupsRequest.js';
import type { ListGroupsResponse as _millrace_v1_ListGroupsResponse, ListGroupsResponse__Output as _millrace_v1_ListGroupsResponse__Output } from '../../millrace/v1/ListGroupsResponse.js';
import type { ListNodesRequest as _millrace_v1_ListNodesRequest, ListNodesRequest__Output as _millrace_v1_ListNodesRequest__Output } from '../../millrace/v1/ListNodesRequest.js';
import type { ListNodesResponse as _millrace_v1_ListNodesResponse, ListNodesResponse__Output as _millrace_v1_ListNodesResponse__Output } from '../../millrace/v1/ListNodesResponse.js';
import type { RemoveNodeRequest as _millrace_v1_RemoveNodeRequest, RemoveNodeRequest__Output as _millrace_v1_RemoveNodeRequest__Output } from '../../millrace/v1/RemoveNodeRequest.js';
import type { RemoveNodeResponse as _millrace_v1_RemoveNodeResponse, RemoveNodeResponse__Output as _millrace_v1_RemoveNodeResponse__Output } from '../../millrace/v1/RemoveNodeResponse.js';
import type { RoutingTable as _millrace_v1_RoutingTable, RoutingTable__Output as _millrace_v1_RoutingTable__Output } from '../../millrace/v1/RoutingTable.js';
import type { TransferLeadershipRequest as _millrace_v1_TransferLeadershipRequest, TransferLeadershipRequest__Output as _millrace_v1_TransferLeadershipRequest__Output } from '../../millrace/v1/TransferLeadershipRequest.js';
import type { TransferLeadershipResponse as _millrace_v1_TransferLeadershipResponse, TransferLeadershipResponse__Output as _millrace_v1_TransferLeadershipResponse__Output } from '../../millrace/v1/TransferLeadershipResponse.js';

/**
 * AdminService reports on the cluster and changes its membership. Reads are answered by any node from
 * its copy of the controller's state; changes go through the controller (the meta group).
 */
export interface AdminServiceClient extends grpc.Client {
  /**
   * Adds a node to the cluster; the controller then moves replicas onto it.
   */
  AddNode(argument: _millrace_v1_AddNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  AddNode(argument: _millrace_v1_AddNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  AddNode(argument: _millrace_v1_AddNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  AddNode(argument: _millrace_v1_AddNodeRequest, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds a node to the cluster; the controller then moves replicas onto it.
   */
  addNode(argument: _millrace_v1_AddNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  addNode(argument: _millrace_v1_AddNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  addNode(argument: _millrace_v1_AddNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  addNode(argument: _millrace_v1_AddNodeRequest, callback: grpc.requestCallback<_millrace_v1_AddNodeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Summarizes the cluster's health: nodes, groups, leaders and replication.
   */
  GetClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Summarizes the cluster's health: nodes, groups, leaders and replication.
   */
  getClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _millrace_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_millrace_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns the routing table: every resource's groups, their replicas and leaders, and the nodes'
   * client addresses. Answered from the serving node's copy of the controller's state.
   */
  GetRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  GetRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the routing table: every resource's groups, their replicas and leaders, and the nodes'
   * client addresses. Answered from the serving node's copy of the controller's state.
   */
  getRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  getRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, callback: grpc.requestCallback<_millrace_v1_RoutingTable__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists Raft groups with their leaders, terms, commit and applied indexes and replicas.
   */
  ListGroups(argument: _millrace_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _millrace_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _millrace_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _millrace_v1_ListGroupsRequest, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists Raft groups with their leaders, terms, commit and applied indexes and replicas.
   */
  listGroups(argument: _millrace_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _millrace_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _millrace_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _millrace_v1_ListGroupsRequest, callback: grpc.requestCallback<_millrace_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the cluster's nodes, in node id order.
   */
  ListNodes(argument: _millrace_v1_ListNodesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _millrace_v1_ListNodesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _millrace_v1_ListNodesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  ListNodes(argument: _millrace_v1_ListNodesRequest, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the cluster's nodes, in node id order.
   */
  listNodes(argument: _millrace_v1_ListNodesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _millrace_v1_ListNodesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _millrace_v1_ListNodesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  listNodes(argument: _millrace_v1_ListNodesRequest, callback: grpc.requestCallback<_millrace_v1_ListNodesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes a node: the controller first moves its replicas and leaderships elsewhere, then drops it.
   */
  RemoveNode(argument: _millrace_v1_RemoveNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _millrace_v1_RemoveNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _millrace_v1_RemoveNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  RemoveNode(argument: _millrace_v1_RemoveNodeRequest, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a node: the controller first moves its replicas and leaderships elsewhere, then drops it.
   */
  removeNode(argument: _millrace_v1_RemoveNodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _millrace_v1_RemoveNodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _millrace_v1_RemoveNodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  removeNode(argument: _millrace_v1_RemoveNodeRequest, callback: grpc.requestCallback<_millrace_v1_RemoveNodeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks the leader of a group to hand leadership to another replica.
   */
  TransferLeadership(argument: _millrace_v1_TransferLeadershipRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _millrace_v1_TransferLeadershipRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _millrace_v1_TransferLeadershipRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  TransferLeadership(argument: _millrace_v1_TransferLeadershipRequest, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks the leader of a group to hand leadership to another replica.
   */
  transferLeadership(argument: _millrace_v1_TransferLeadershipRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _millrace_v1_TransferLeadershipRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _millrace_v1_TransferLeadershipRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  transferLeadership(argument: _millrace_v1_TransferLeadershipRequest, callback: grpc.requestCallback<_millrace_v1_TransferLeadershipResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the routing table: the current version at once (unless the caller already has it), then
   * every later version as it is applied. Clients and gateways follow it to reach group leaders.
   */
  WatchRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_RoutingTable__Output>;
  WatchRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_RoutingTable__Output>;
  /**
   * Streams the routing table: the current version at once (unless the caller already has it), then
   * every later version as it is applied. Clients and gateways follow it to reach group leaders.
   */
  watchRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_RoutingTable__Output>;
  watchRoutingTable(argument: _millrace_v1_GetRoutingTableRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_RoutingTable__Output>;
  
}

/**
 * AdminService reports on the cluster and changes its membership. Reads are answered by any node from
 * its copy of the controller's state; changes go through the controller (the meta group).
 */
export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Adds a node to the cluster; the controller then moves replicas onto it.
   */
  AddNode: grpc.handleUnaryCall<_millrace_v1_AddNodeRequest__Output, _millrace_v1_AddNodeResponse>;
  
  /**
   * Summarizes the cluster's health: nodes, groups, leaders and replication.
   */
  GetClusterStatus: grpc.handleUnaryCall<_millrace_v1_GetClusterStatusRequest__Output, _millrace_v1_GetClusterStatusResponse>;
  
  /**
   * Returns the routing table: every resource's groups, their replicas and leaders, and the nodes'
   * client addresses. Answered from the serving node's copy of the controller's state.
   */
  GetRoutingTable: grpc.handleUnaryCall<_millrace_v1_GetRoutingTableRequest__Output, _millrace_v1_RoutingTable>;
  
  /**
   * Lists Raft groups with their leaders, terms, commit and applied indexes and replicas.
   */
  ListGroups: grpc.handleUnaryCall<_millrace_v1_ListGroupsRequest__Output, _millrace_v1_ListGroupsResponse>;
  
  /**
   * Lists the cluster's nodes, in node id order.
   */
  ListNodes: grpc.handleUnaryCall<_millrace_v1_ListNodesRequest__Output, _millrace_v1_ListNodesResponse>;
  
  /**
   * Removes a node: the controller first moves its replicas and leaderships elsewhere, then drops it.
   */
  RemoveNode: grpc.handleUnaryCall<_millrace_v1_RemoveNodeRequest__Output, _millrace_v1_RemoveNodeResponse>;
  
  /**
   * Asks the leader of a group to hand leadership to another replica.
   */
  TransferLeadership: grpc.handleUnaryCall<_millrace_v1_TransferLeadershipRequest__Output, _millrace_v1_TransferLeadershipResponse>;
  
  /**
   * Streams the routing table: the current version at once (unless the caller already has it), then
   * every later version as it is applied. Clients and gateways follow it to reach group leaders.
   */
  WatchRoutingTable: grpc.handleServerStreamingCall<_millrace_v1_GetRoutingTableRequest__Output, _millrace_v1_RoutingTable>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  AddNode: MethodDefinition<_millrace_v1_AddNodeRequest, _millrace_v1_AddNodeResponse, _millrace_v1_AddNodeRequest__Output, _millrace_v1_AddNodeResponse__Output>
  GetClusterStatus: MethodDefinition<_millrace_v1_GetClusterStatusRequest, _millrace_v1_GetClusterStatusResponse, _millrace_v1_GetClusterStatusRequest__Output, _millrace_v1_GetClusterStatusResponse__Output>
  GetRoutingTable: MethodDefinition<_millrace_v1_GetRoutingTableRequest, _millrace_v1_RoutingTable, _millrace_v1_GetRoutingTableRequest__Output, _millrace_v1_RoutingTable__Output>
  ListGroups: MethodDefinition<_millrace_v1_ListGroupsRequest, _millrace_v1_ListGroupsResponse, _millrace_v1_ListGroupsRequest__Output, _millrace_v1_ListGroupsResponse__Output>
  ListNodes: MethodDefinition<_millrace_v1_ListNodesRequest, _millrace_v1_ListNodesResponse, _millrace_v1_ListNodesRequest__Output, _millrace_v1_ListNodesResponse__Output>
  RemoveNode: MethodDefinition<_millrace_v1_RemoveNodeRequest, _millrace_v1_RemoveNodeResponse, _millrace_v1_RemoveNodeRequest__Output, _millrace_v1_RemoveNodeResponse__Output>
  TransferLeadership: MethodDefinition<_millrace_v1_TransferLeadershipRequest, _millrace_v1_TransferLeadershipResponse, _millrace_v1_TransferLeadershipRequest__Output, _millrace_v1_TransferLeadershipResponse__Output>
  WatchRoutingTable: MethodDefinition<_millrace_v1_GetRoutingTableRequest, _millrace_v1_RoutingTable, _millrace_v1_GetRoutingTableRequest__Output, _millrace_v1_RoutingTable__Output>
}
