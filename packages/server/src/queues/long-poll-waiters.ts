/**
 * The long polls waiting on one queue partition's leader, and how many of them a change wakes.
 *
 * Waking every waiter on every send made idle consumers expensive: each woken poll short-polls every
 * partition of its queue and then waits on each again, so with 200 consumers long-polling a 3-partition
 * queue, one send cost some 1,200 partition calls and the cluster managed 6 to 8 sends/s. Now a change
 * wakes as many waiters as it made messages receivable, oldest first:
 * - a send knows how many messages it stored;
 * - other changes (a delete unlocking a FIFO group or freeing in-flight room, a visibility change, a
 *   message's delay or visibility timeout running out) are counted by a scan of the store, at most as
 *   far as there are waiters.
 * A wake is a hint and can go to waste: the woken caller may go away, or another receive may take the
 * message first. So while some waiters sleep, a limited wake is checked again a moment later (one timer
 * per partition, stopped as soon as a check finds nothing to wake for): no message waits out a long
 * poll's whole wait while a waiter sleeps beside it.
 *
 * Until then, a message a wake handed out is promised: counts leave it out (`promised`), so a long poll
 * arriving meanwhile sleeps rather than race the woken one for it (each such race cost the loser an empty
 * receive and a wait on every partition of its queue). A receive arriving at the partition redeems a
 * promise (`redeem`); the recheck drops those left, so a promise whose caller went away holds its message
 * back for recheckMs at most.
 */
export class LongPollWaiters {
  /** Insertion-ordered: the oldest waiter is woken first. */
  private readonly waiters = new Set<() => void>();
  private counting = false;
  private countAgain = false;
  private recheckTimer: NodeJS.Timeout | undefined = undefined;
  /**
   * Counts events that may have made messages receivable, so a long poll can tell one happened while it
   * was checking the store and look again instead of sleeping through it.
   */
  private eventCount = 0;
  /** Wakes handed out whose receives have yet to arrive (see the class comment). */
  private promisedWakes = 0;

  /**
   * @param countReceivable how many messages could be received now, counting at most `max`; it also
   *   arms whatever timer wakes waiters when the next message becomes visible.
   * @param recheckMs how long after a limited wake the store is checked again, while waiters sleep.
   */
  constructor(
    private readonly countReceivable: (max: number) => Promise<number>,
    private readonly recheckMs: number,
  ) {}

  get size(): number {
    return this.waiters.size;
  }

  /** The event count now; pass it to `changedSince` after checking the store. */
  get generation(): number {
    return this.eventCount;
  }

  changedSince(generation: number): boolean {
    return this.eventCount !== generation;
  }

  /** Receivable messages woken waiters are on their way to take: a count should leave them out. */
  get promised(): number {
    return this.promisedWakes;
  }

  /** A receive arrived: it takes (or was woken for) one of the promised messages. */
  redeem(): void {
    if (this.promisedWakes > 0) this.promisedWakes -= 1;
  }

  /** Adds a waiter; returns the function that removes it (after a timeout or an abort). */
  add(onWake: () => void): () => void {
    this.waiters.add(onWake);
    // It may sleep beside a promised message whose woken caller went away: the recheck finds out.
    if (this.promisedWakes > 0) this.armRecheck();
    return () => this.waiters.delete(onWake);
  }

  /** Wakes everyone: leadership moved, so waiters here would never hear of new messages. */
  wakeAll(): void {
    this.eventCount += 1;
    this.clearRecheck();
    this.wakeOldest(Number.POSITIVE_INFINITY);
    this.promisedWakes = 0;
  }

  /** `count` messages became receivable: wakes as many waiters. */
  wake(count: number): void {
    this.eventCount += 1;
    this.wakeOldest(count);
  }

  /** Something may have made messages receivable, how many is not known: counts them, then wakes. */
  wakeReceivable(): void {
    this.eventCount += 1;
    if (this.waiters.size === 0) return;
    if (this.counting) {
      this.countAgain = true;
      return;
    }
    this.counting = true;
    void this.countAndWake().finally(() => {
      this.counting = false;
    });
  }

  private async countAndWake(): Promise<void> {
    do {
      this.countAgain = false;
      if (this.waiters.size === 0) return;
      // A failed count (leadership lost, storage closed) wakes no one; stepping down wakes everyone.
      const promised = this.promisedWakes;
      const count = await this.countReceivable(this.waiters.size + promised).catch(() => 0);
      if (count > promised) this.wakeOldest(count - promised);
    } while (this.countAgain);
  }

  private wakeOldest(count: number): void {
    let woken = 0;
    for (const onWake of this.waiters) {
      if (woken >= count) break;
      this.waiters.delete(onWake);
      onWake();
      woken += 1;
    }
    this.promisedWakes += woken;
    if (woken > 0 && this.waiters.size > 0) this.armRecheck();
  }

  private armRecheck(): void {
    if (this.recheckTimer !== undefined) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      // Receives that have not come by now are not coming for these: their messages are for anyone.
      this.promisedWakes = 0;
      this.wakeReceivable();
    }, this.recheckMs);
  }

  private clearRecheck(): void {
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
  }
}
