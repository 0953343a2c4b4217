export { catalogLimits } from "./catalog-limits.js";
export {
  clusterHealth,
  heartbeatAgeMs,
  nodeHealth,
  type ClusterHealth,
  type NodeHealth,
} from "./cluster-health.js";
export { checkResourceName, isResourceKind, resourceKinds, sameIds } from "./command-validation.js";
export {
  encodeMetaCommand,
  type BootstrapGroup,
  type BootstrapNode,
  type LeaderReport,
  type MetaCommand,
  type MetaCommandType,
  type MetaResult,
} from "./meta-commands.js";
export {
  activeNodes,
  findResource,
  groupsHostedBy,
  groupsOfResource,
  liveNodes,
  replicaCounts,
  routeOf,
  routingTable,
  type MetaState,
  type Route,
  type RoutingTable,
} from "./meta-state.js";
export { MetaStateMachine, metaCommandTypes } from "./meta-state-machine.js";
export { isActiveMoveTask, movedOf, moveTasksOf } from "./move-tasks.js";
export {
  failureDomain,
  leastLoaded,
  placeReplicas,
  preferredLeaderCounts,
  zoneCapacity,
  type PlacementNode,
  type PlacementRequest,
} from "./placement.js";
export { planReconciliation, type ReconciliationOptions } from "./reconciliation.js";
export {
  groupKindOf,
  resourceKey,
  type ClusterRecord,
  type GroupKind,
  type GroupRecord,
  type MoveTaskPartition,
  type MoveTaskRecord,
  type MoveTaskStatus,
  type NodeRecord,
  type ResourceKind,
  type ResourceRecord,
  type ResourceRef,
  type TombstoneRecord,
} from "./records.js";
