// Original file: proto/millrace/v1/admin.proto

import type { Route as _millrace_v1_Route, Route__Output as _millrace_v1_Route__Output } from '../../millrace/v1/Route.js';
import type { RouteNode as _millrace_v1_RouteNode, RouteNode__Output as _millrace_v1_RouteNode__Output } from '../../millrace/v1/RouteNode.js';
import type { Long } from '@grpc/proto-loader';

/**
 * RoutingTable is a versioned view of where groups live and who leads them.
 */
export interface RoutingTable {
  /**
   * Increases whenever a route, a leader or a node address changes.
   */
  'version'?: (number | string | Long);
  /**
   * Every group, in group id order.
   */
  'routes'?: (_millrace_v1_Route)[];
  /**
   * Every node's client address, in node id order; a node that has not registered one yet is left out.
   */
  'nodes'?: (_millrace_v1_RouteNode)[];
}

/**
 * RoutingTable is a versioned view of where groups live and who leads them.
 */
export interface RoutingTable__Output {
  /**
   * Increases whenever a route, a leader or a node address changes.
   */
  'version': (string);
  /**
   * Every group, in group id order.
   */
  'routes': (_millrace_v1_Route__Output)[];
  /**
   * Every node's client address, in node id order; a node that has not registered one yet is left out.
   */
  'nodes': (_millrace_v1_RouteNode__Output)[];
}
