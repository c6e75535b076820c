/**
 * The SSE events of one 2025-11-25 HTTP session, kept so a client that lost a stream can resume it
 * (`GET` with `Last-Event-ID`): the SDK transport stores every event it sends here and asks for the
 * events after the last one the client saw. Bounded: the oldest events are dropped past `max`, and a
 * resumption from a dropped id is refused (the client then starts over).
 */
import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

interface Stored {
  readonly id: EventId;
  readonly streamId: StreamId;
  readonly message: JSONRPCMessage;
}

export class MemoryEventStore implements EventStore {
  private readonly events: Stored[] = [];
  private next = 1;

  constructor(private readonly max = 1000) {}

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const id = String(this.next++);
    this.events.push({ id, streamId, message });
    if (this.events.length > this.max) this.events.shift();
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.events.find((e) => e.id === eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId: EventId, { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {
    const at = this.events.findIndex((e) => e.id === lastEventId);
    if (at < 0) throw new Error(`event ${lastEventId} is not (or no longer) stored`);
    const { streamId } = this.events[at]!;
    for (const e of this.events.slice(at + 1)) {
      // Priming events (stored as `{}`) carry no message to replay.
      if (e.streamId === streamId && Object.keys(e.message).length > 0) await send(e.id, e.message);
    }
    return streamId;
  }
}
