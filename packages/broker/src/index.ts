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
