import { shown } from "@millrace/common";
import { invalid } from "@millrace/gateway";
import { isResourceKind, metaCommandTypes, resourceKinds, type MetaCommand } from "@millrace/router";
import { type MetaOp } from "./controller.js";
import { fieldsOf } from "./op-fields.js";

const commandTypes: ReadonlySet<unknown> = new Set(metaCommandTypes);

/**
 * The op as a MetaOp, or INVALID_ARGUMENT naming the field that is wrong. Meta ops reach the meta leader
 * from every node (heartbeats, catalog changes, lookups), forwarded over the peer link, so each is whatever
 * a peer's msgpack decodes to. A proposed command is checked only as far as the executor reads it (an
 * object of a known type); the meta state machine checks the rest when it applies, as it must for anything
 * in the log.
 */
export function checkMetaOp(op: unknown): MetaOp {
  const fields = fieldsOf(op, "op");
  const type = fields["type"];
  switch (type) {
    case "propose": {
      const command = fieldsOf(fields["command"], "command");
      if (!commandTypes.has(command["type"])) {
        throw invalid("command.type", `must name a meta command, got ${shown(command["type"])}`);
      }
      return { type, command: command as unknown as MetaCommand };
    }
    case "resource": {
      const kind = fields["kind"];
      if (!isResourceKind(kind)) {
        throw invalid("kind", `must be one of ${resourceKinds.join(", ")}, got ${shown(kind)}`);
      }
      return { type, kind, name: lookupName(fields["name"], "name") };
    }
    case "move-tasks":
      return { type, sourceQueue: lookupName(fields["sourceQueue"], "sourceQueue") };
    case "move-task":
      return { type, taskHandle: lookupName(fields["taskHandle"], "taskHandle") };
    default:
      throw invalid("type", `must name a meta operation, got ${shown(type)}`);
  }
}

/** Far past any resource name's length: a bound on what a lookup compares, not a naming rule. */
const lookupNameLengthMax = 1024;

/**
 * A name to look up. Naming rules are not applied: a name that breaks them names nothing, and the lookup
 * answers so (not found, no tasks), as it did for names taken from an ARN or a redrive policy.
 */
function lookupName(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length > lookupNameLengthMax) {
    throw invalid(
      field,
      `must be a string of at most ${lookupNameLengthMax} characters, got ${shown(value)}`,
    );
  }
  return value;
}
