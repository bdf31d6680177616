import { JsonListSplitter } from '@pt/input';

/** What {@link FleetJsonSplitter} hands out, in file order. */
export interface FleetJsonSink {
  /** A top-level member other than `services`: its key and its value's JSON text. */
  member(key: string, json: string): void;
  /** The `services` key was reached: its items follow. */
  servicesStart(): void;
  /** One item of `services`, as JSON text. */
  service(json: string): void;
}

/**
 * Splits a JSON fleet file, fed as byte chunks, into its top-level members and its services, each
 * as text for `JSON.parse`: `@pt/input`'s list splitter on the `services` list. Memory stays at one
 * service; on anything unexpected it stops with a reason (`failure`) and the caller reads the file
 * the ordinary way, which locates the problems.
 */
export class FleetJsonSplitter extends JsonListSplitter {
  constructor(sink: FleetJsonSink) {
    super('services', {
      member: (key, json) => sink.member(key, json),
      listStart: () => sink.servicesStart(),
      item: (json) => sink.service(json),
    });
  }
}
