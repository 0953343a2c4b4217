import { loadMillraceProto, type v1 } from "@millrace/proto";
import { anyNode, type RouteTarget } from "./routing.js";
import type { GroupKind } from "./status.js";
import type { CallOptions, Transport } from "./transport.js";
import { checkIntegerRange } from "./validation.js";

function service() {
  return loadMillraceProto().millrace.v1.AdminService.service;
}

/** Membership changes go through the controller; its leader saves the gateway a forward. */
const controller: RouteTarget = { type: "group", kind: "GROUP_KIND_META", resourceName: "", partition: 0 };

export interface GroupsFilter extends CallOptions {
  readonly kind?: GroupKind;
  /** Only groups with a replica on this node. */
  readonly nodeId?: number;
  /** Only the groups of this queue, topic or stream. */
  readonly resourceName?: string;
}

export interface AddNodeOptions extends CallOptions {
  readonly nodeId: number;
  readonly peerAddress: string;
  readonly clientAddress: string;
  readonly httpAddress?: string;
  readonly metaVoter?: boolean;
  readonly joinToken?: string;
}

/** Pages fetched per listing at most, so a server that never ends a listing cannot loop the client. */
const pagesMax = 10_000;

/** `client.admin`: the cluster's health and membership (AdminService). Results are the wire types. */
export class Admin {
  constructor(
    private readonly transport: Transport,
    private readonly onTable: (table: v1.RoutingTable__Output) => void,
  ) {}

  async status(options: CallOptions = {}): Promise<v1.GetClusterStatusResponse__Output> {
    return this.transport.call(
      { method: service().GetClusterStatus, request: {}, target: anyNode, retry: "retryable" },
      options,
    );
  }

  async nodes(options: CallOptions = {}): Promise<v1.Node__Output[]> {
    const response = await this.transport.call(
      { method: service().ListNodes, request: {}, target: anyNode, retry: "retryable" },
      options,
    );
    return response.nodes;
  }

  /** Every group matching the filter, following pagination. */
  async groups(filter: GroupsFilter = {}): Promise<v1.Group__Output[]> {
    const groups: v1.Group__Output[] = [];
    let nextToken = "";
    for (let page = 0; page < pagesMax; page++) {
      const response = await this.transport.call(
        {
          method: service().ListGroups,
          request: {
            kind: filter.kind ?? "GROUP_KIND_UNSPECIFIED",
            nodeId: filter.nodeId ?? 0,
            resourceName: filter.resourceName ?? "",
            page: { maxResults: 0, nextToken },
          },
          target: anyNode,
          retry: "retryable",
        },
        filter,
      );
      groups.push(...response.groups);
      nextToken = response.page?.nextToken ?? "";
      if (nextToken === "") break;
    }
    return groups;
  }

  /** Adds a node; retried safely when `joinToken` is given (a retried join then gets the same id). */
  async addNode(options: AddNodeOptions): Promise<v1.Node__Output | null> {
    checkIntegerRange(options.nodeId, 0, 2 ** 32 - 1, "nodeId");
    const response = await this.transport.call(
      {
        method: service().AddNode,
        request: {
          nodeId: options.nodeId,
          peerAddress: options.peerAddress,
          clientAddress: options.clientAddress,
          httpAddress: options.httpAddress ?? "",
          metaVoter: options.metaVoter ?? false,
          joinToken: options.joinToken ?? "",
        },
        target: controller,
        retry: options.joinToken === undefined ? "not-applied" : "retryable",
      },
      options,
    );
    return response.node;
  }

  async removeNode(
    nodeId: number,
    options: CallOptions & { readonly force?: boolean } = {},
  ): Promise<v1.Node__Output | null> {
    checkIntegerRange(nodeId, 1, 2 ** 32 - 1, "nodeId");
    const response = await this.transport.call(
      {
        method: service().RemoveNode,
        request: { nodeId, force: options.force ?? false },
        target: controller,
        retry: "retryable",
      },
      options,
    );
    return response.node;
  }

  /** Moves a group's leadership; `toNodeId` 0 lets the leader pick. Resolves with the new leader and term. */
  async transferLeadership(
    groupId: string,
    toNodeId: number,
    options: CallOptions = {},
  ): Promise<v1.TransferLeadershipResponse__Output> {
    checkIntegerRange(toNodeId, 0, 2 ** 32 - 1, "toNodeId");
    return this.transport.call(
      {
        method: service().TransferLeadership,
        request: { groupId, targetNodeId: toNodeId },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
  }

  /** Fetches the routing table from the cluster (and feeds it to the client's router). */
  async routingTable(options: CallOptions = {}): Promise<v1.RoutingTable__Output> {
    const table = await this.transport.call(
      {
        method: service().GetRoutingTable,
        request: { knownVersion: "0" },
        target: anyNode,
        retry: "retryable",
      },
      options,
    );
    this.onTable(table);
    return table;
  }
}
