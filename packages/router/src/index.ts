export {
  MetaStateMachine,
  encodeMetaCommand,
  type ClusterRecord,
  type GroupRecord,
  type MetaCommand,
  type MetaResult,
  type NodeRecord,
} from "./meta-state-machine.js";
