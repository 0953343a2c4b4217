export {
  ReplicatedLog,
  encodeLogCommand,
  recordKey,
  seqOfRecordKey,
  type AppendResult,
  type LogCommand,
  type LogResult,
  type TrimResult,
} from "./replicated-log.js";
export type { ApplyResult, StateMachine, StateReader, StateWriter } from "./state-machine.js";
