/**
 * Reading inputs, in three pieces that know nothing of each other's formats:
 *
 * <ol>
 *     <li><b>Sources</b> ({@link io.cfsync.input.Inputs}, {@link io.cfsync.input.InputSource}): files, folders
 *     walked in path order ({@code FolderWalk}, by name or content), glob patterns, {@code s3://} prefixes
 *     ({@code input.s3}, the only room of the AWS SDK), standard input and pipes; gzip undone by its magic bytes
 *     below every framing; inputs left out named with their reason.</li>
 *     <li><b>Framing</b> ({@link io.cfsync.input.Framing}, chosen per input by {@link io.cfsync.input.Framings}):
 *     cuts an input's decoded bytes into {@link io.cfsync.input.Frames}, each one JSON value, and defines a
 *     {@link io.cfsync.input.Position} a run can resume after and how it is proven later
 *     ({@link io.cfsync.input.Framing#compare}). NDJSON is {@link io.cfsync.input.LineFrames}: a frame is a line
 *     ({@code LineReader}, bounded by the line limit), a binary input is refused by its first bytes
 *     ({@code TextSniff}), and a position is a line number, the offset after its line end and the SHA-256 of
 *     every byte before it ({@link io.cfsync.input.BytePrefix}, which any framing over a byte stream can use);
 *     the ledger stores these as it always has. Positions reach the ledger through a
 *     {@link io.cfsync.input.PositionTap} the pipeline hands in.</li>
 *     <li><b>Envelopes and decoding</b>, shared by every framing: {@code Envelopes} opens a Segment batch, a
 *     RudderStack backup line (three shapes; its write key never leaves it) or a cf-sync dead-letter entry;
 *     {@code FrameDecoder} turns one frame into {@link io.cfsync.input.Item}s (strict UTF-8, one JSON value, the
 *     parser's limits, every event validated by {@code event}), a bad frame becoming a value, never an
 *     exception. {@link io.cfsync.input.EventReader} drives the three, on one thread or, through
 *     {@link io.cfsync.input.ReadAhead}, two.</li>
 * </ol>
 *
 * <p>A new format (Parquet, say) is a package of its own with a {@code Framing} and its {@code Frames}, and one
 * line in {@code Framings}; nothing else here or in the pipeline changes. Messages about where a run resumes name
 * the framing's unit ({@link io.cfsync.input.Framing#frameName}); {@link io.cfsync.input.SourceRef#line} is the
 * frame's number whatever the framing.
 */
package io.cfsync.input;
