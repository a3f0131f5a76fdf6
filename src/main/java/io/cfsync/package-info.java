/**
 * cf-sync replays Segment-spec events to vendor APIs. The packages, as the code is, from the bottom up; each may
 * use only those named after "uses" (checked, with the third-party rooms and the purity of {@code dest}, by
 * {@code LayeringTest}, which {@code LayeringMutationTest} proves by injecting each kind of violation). A type is
 * public only when another package uses it, or when it is the entry point, the exit codes or what Kafka loads
 * ({@code PublicTypesTest}): the rest of a package stays behind the factory or facade it offers.
 *
 * <table>
 * <caption>Packages</caption>
 * <tr><th>package</th><th>its room</th><th>uses</th><th>third-party</th></tr>
 * <tr><td>{@code event}</td><td>the Segment model: sealed event records, envelope, decoding and validation,
 *     strict timestamps, JSON paths</td><td>nothing</td><td>Jackson trees only, no mapper and no
 *     streaming API (an event's key hashes the sorted tree's own compact text)</td></tr>
 * <tr><td>{@code dest}</td><td>the destination contract: a {@code Profile} declared as data (name, settings,
 *     coverage, {@code Limits}) and {@code configure(Settings)}, which parses the settings once into a
 *     {@code Configured} destination (translator, auth, pre-pass, batching, limits, send refusal, bulk jobs as
 *     pure {@code BulkSpec} data);
 *     {@code Translation}, {@code VendorRequest} plans with {@code When} steps, settings and secrets, the registry
 *     ({@code Destinations}, the only class here that names vendors) and the mapping kit ({@code FieldTable} with
 *     required fields, {@code ValueRules}); pure: no clock, randomness, files, network, threads or environment</td>
 *     <td>{@code event}</td><td>Jackson trees and mapping (a vendor's batch answer is read here), not its
 *     streaming API (but for Kustomer's meta flattening, which writes many values' text through one in-memory
 *     generator)</td></tr>
 * <tr><td>{@code dest.<vendor>}</td><td>one vendor each: profile, settings record, mapping tables, translator;
 *     pure as {@code dest}; never another vendor</td><td>{@code event}, {@code dest}</td><td>as {@code dest}</td></tr>
 * <tr><td>{@code input}</td><td>sources in a stable order (files, folders walked by name or content, archive
 *     paths pruned by the time window, {@code s3://} prefixes), gzip; framings that cut an input into frames and
 *     define its resume positions (NDJSON's lines today); envelopes and decoding shared by every framing</td>
 *     <td>{@code event}</td><td>Jackson streaming, and mapping text to trees; the AWS SDK in {@code input.s3} only, loaded only for {@code s3://} inputs</td></tr>
 * <tr><td>{@code state}</td><td>the SQLite ledger: watermarks, delivered keys, pending events, the lease, the
 *     pre-pass state saved with the watermarks</td>
 *     <td>{@code event}</td><td>SQLite JDBC ({@code java.sql} here only)</td></tr>
 * <tr><td>{@code report}</td><td>counters, dead letters, outcomes file, summary, run report, the one
 *     redactor; the run's {@code Snapshot} of live figures and what reads it: the progress display
 *     ({@code Console}, {@code Progress}, {@code ProgressText}, {@code StatusLine}, {@code Terminal},
 *     {@code InputGauge}) and the metrics ({@code report.metrics}: textfile and Pushgateway)</td>
 *     <td>{@code event}, {@code dest}</td><td>Jackson streaming, and trees written as text (dead
 *     letters); the Prometheus client in {@code report.metrics} only</td></tr>
 * <tr><td>{@code send}</td><td>sinks (dry-run printer, batching, HTTP) made by {@code Sinks}, per-user lanes,
 *     auth at the last moment; the sender's part of the snapshot ({@code SendingFigures});
 *     Failsafe only in {@code Resilience} and {@code InlineScheduler}, HttpClient only in {@code Transport},
 *     {@code TransportWords}, {@code Classifier} and {@code ProxyRoutes}</td><td>{@code dest}, {@code report},
 *     {@code send.rate}</td><td>HttpClient 5, Failsafe; Jackson outside {@code send.rate}, since a request body
 *     becomes bytes only here, when it is sent or printed, and a vendor's answer is read here</td></tr>
 * <tr><td>{@code send.rate}</td><td>pacing behind one interface ({@code Pacing}): sending times, the hard
 *     ceiling at the instant of sending, the rate adapted to 429s, the vendor's rate-header budget</td>
 *     <td>{@code report}</td><td>none</td></tr>
 * <tr><td>{@code pipeline}</td><td>decode, validate, filter, pre-pass, translate, sink: one outcome per event;
 *     the one {@code Setup} of a run (destination configured once, redactor, the vendor as the sink sees it) and
 *     the one {@code Planner} (decoded item to send, skip or invalid), used by the command line and the Connect
 *     task alike; checkpoints and the send job</td><td>{@code event}, {@code input}, {@code dest}, {@code send}
 *     (only {@code Sink} and the {@code Delivery} it takes; {@code DeliveryListener} and {@code Failure};
 *     {@code SinkResult}, {@code RunControl} and {@code OutputException}, how a run through the sink ends; the
 *     factory {@code Sinks} and what it is made from: {@code SinkSpec}, {@code SinkTuning}, {@code Network},
 *     {@code CurlFormat}), {@code state}, {@code report}</td><td>none, Jackson included: it carries events and
 *     asks {@code event} for their keys and merges</td></tr>
 * <tr><td>{@code cli}</td><td>picocli commands and mixins, the YAML config file, {@code Program} (the command
 *     tree and the one exception-to-exit-code mapping)</td><td>everything above</td><td>picocli, Jackson (YAML
 *     only here; JSON output)</td></tr>
 * <tr><td>{@code connect}</td><td>the Kafka Connect sink plugin: connector, task, config checked with the
 *     command line's code and turned into the pipeline's {@code Setup}, records planned by its
 *     {@code RecordPlanner}, offsets committed only past finished records, the split of {@code cf.rate} over
 *     tasks</td><td>{@code event}, {@code dest}, {@code send}, {@code report}, {@code pipeline}</td><td>Kafka
 *     Connect API, Jackson (a record's value as a tree)</td></tr>
 * <tr><td>{@code io.cfsync.Main}</td><td>the entry point and the only place that ends the process</td>
 *     <td>{@code cli}</td><td>picocli</td></tr>
 * </table>
 *
 * <p>One meaning per word, so a name found in one package means the same in the next: an <em>outcome</em> is
 * where one event ended (delivered, skipped, dead-lettered, pending: the outcomes file, {@code OutcomeBook}); a
 * <em>result</em> is how a unit of work ended ({@code AttemptResult} for one attempt of one request,
 * {@code SinkResult} for a sink, {@code RunResult} for a run); a <em>verdict</em> is the sender's last word on one
 * event. <em>Send</em> names the {@code send} command's own parts ({@code SendCommand}, {@code SendConfig},
 * {@code SendJob}); a <em>sink</em> is what deliveries go into ({@code Sink}, made by {@code Sinks} from a
 * {@code SinkSpec}).
 */
package io.cfsync;
