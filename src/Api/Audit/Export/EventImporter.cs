using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Cabinets.Api.Audit.Export;

public sealed record ImportResult(long Events, long Streams, long? FirstSeq, long? LastSeq, IReadOnlyList<string> RebuiltInline);

/// <summary>What an import is doing now, for the CLI's progress bar.</summary>
public sealed record ImportProgress(string Stage, long Done, long Total);

/// <summary>
/// Loads an export into an empty event store (ADR-0028): binary COPY of every line into a
/// temporary table inside one transaction, the manifest's count, positions and SHA-256 checked
/// before anything is kept, then mt_streams and mt_events filled with the original keys,
/// versions, positions, ids, types, timestamps and metadata. Marten cannot append with given
/// positions and server times, hence raw SQL. Afterwards the high-water mark is moved to the
/// last event and the inline snapshots are rebuilt; the async projections catch up on their own.
/// </summary>
public sealed class EventImporter(NpgsqlDataSource db, IDocumentStore store)
{
    private const string Columns = "seq_id, id, stream_id, stream_type, version, type, timestamp, tenant_id, correlation_id, causation_id, user_name, headers, is_archived, mt_dotnet_type, data";

    public async Task<ImportResult> ImportAsync(string path, string? manifestPath, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var sidecar = manifestPath ?? ExportManifest.PathFor(path);
        ExportManifest? manifest = null;
        if (File.Exists(sidecar))
            manifest = JsonSerializer.Deserialize<ExportManifest>(await File.ReadAllTextAsync(sidecar, ct), ExportManifest.Json)
                       ?? throw new AuditFileException($"{sidecar} is not a manifest");
        else if (manifestPath is not null) throw new AuditFileException($"{manifestPath} does not exist");
        if (manifest is not null && manifest.FormatVersion != ExportManifest.CurrentVersion)
            throw new AuditFileException($"format version {manifest.FormatVersion} is not one this build reads ({ExportManifest.CurrentVersion})");

        await using var file = File.OpenRead(path);
        var gzip = await IsGzipAsync(file, ct);
        await using var fileHash = new HashingStream(file, leaveOpen: true);
        await using var ndjson = gzip ? new GZipStream(fileHash, CompressionMode.Decompress, leaveOpen: true) : (Stream)fileHash;

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Writers wait until the import commits or rolls back; readers are not blocked.
        await ExecuteAsync(conn, tx, "lock table mt_streams, mt_events in exclusive mode", ct);
        var existing = await ScalarAsync<long>(conn, tx, "select (select count(*) from mt_events) + (select count(*) from mt_streams)", ct);
        if (existing > 0) throw new AuditFileException($"the event store is not empty ({existing} events and streams); import only into an empty database");
        await ExecuteAsync(conn, tx, $"""
            create temp table audit_import (seq_id bigint not null, id uuid not null, stream_id varchar not null, stream_type varchar,
              version bigint not null, type varchar(500) not null, timestamp timestamptz not null, tenant_id varchar, correlation_id varchar,
              causation_id varchar, user_name varchar, headers jsonb, is_archived boolean not null, mt_dotnet_type varchar, data jsonb not null) on commit drop
            """, ct);

        var read = await CopyAsync(conn, ndjson, manifest?.Count ?? 0, progress, ct);
        manifest ??= read.Trailing ?? throw new AuditFileException($"no manifest: neither {sidecar} nor a last line {{\"manifest\": …}}");
        Verify(manifest, read, gzip ? fileHash.HashHex() : null);

        progress?.Report(new ImportProgress("writing mt_streams and mt_events", read.Count, read.Count));
        var streams = await ExecuteAsync(conn, tx, """
            insert into mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
            select stream_id, max(stream_type), max(version), max(timestamp), min(timestamp), coalesce(min(tenant_id), '*DEFAULT*'), bool_or(is_archived)
              from audit_import group by stream_id
            """, ct);
        await ExecuteAsync(conn, tx, """
            insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived)
            select seq_id, id, stream_id, version, data, type, timestamp, coalesce(tenant_id, '*DEFAULT*'), mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived
              from audit_import order by seq_id
            """, ct);
        if (read.Count > 0) await ExecuteAsync(conn, tx, "select setval('mt_events_sequence', (select max(seq_id) from mt_events))", ct);
        await tx.CommitAsync(ct);

        // Every position up to the last one is committed (one transaction, nobody else wrote):
        // the daemon need not wait out the gaps that the source's rollbacks left.
        await store.Advanced.AdvanceHighWaterMarkToLatestAsync(ct);
        var rebuilt = await RebuildInlineAsync(progress, ct);
        return new ImportResult(read.Count, streams, read.FirstSeq, read.LastSeq, rebuilt);
    }

    private static void Verify(ExportManifest manifest, CopyResult read, string? gzipHash)
    {
        if (read.Count != manifest.Count) throw new AuditFileException($"the file holds {read.Count} events, its manifest says {manifest.Count}");
        if (!string.Equals(read.Sha256, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new AuditFileException($"SHA-256 of the NDJSON is {read.Sha256}, its manifest says {manifest.Sha256}: the file was changed or cut");
        if (read.FirstSeq != manifest.FirstSeq || read.LastSeq != manifest.LastSeq)
            throw new AuditFileException($"positions {read.FirstSeq}..{read.LastSeq} differ from the manifest's {manifest.FirstSeq}..{manifest.LastSeq}");
        if (gzipHash is not null && manifest.GzipSha256 is { } expected && !string.Equals(expected, gzipHash, StringComparison.OrdinalIgnoreCase))
            throw new AuditFileException($"SHA-256 of the gzip file is {gzipHash}, its manifest says {expected}");
    }

    private sealed record CopyResult(long Count, string Sha256, long? FirstSeq, long? LastSeq, ExportManifest? Trailing);

    private static async Task<CopyResult> CopyAsync(NpgsqlConnection conn, Stream ndjson, long expected, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pipe = PipeReader.Create(ndjson, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        long count = 0, lineNumber = 0;
        long? first = null, last = null;
        ExportManifest? trailing = null;
        await using (var copy = await conn.BeginBinaryImportAsync($"copy audit_import ({Columns}) from stdin (format binary)", ct))
        {
            while (true)
            {
                var result = await pipe.ReadAsync(ct);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    lineNumber++;
                    var bytes = line.IsSingleSegment ? line.FirstSpan.ToArray() : line.ToArray();
                    if (trailing is not null) throw new AuditFileException($"line {lineNumber} follows the manifest line");
                    if (bytes.AsSpan().StartsWith(EventLine.ManifestPrefix))
                    {
                        trailing = ParseTrailing(bytes, lineNumber);
                        continue;
                    }
                    hash.AppendData(bytes);
                    hash.AppendData("\n"u8);
                    var row = ImportedLine.Parse(bytes, lineNumber);
                    if (last is { } previous && row.Seq <= previous) throw new AuditFileException($"line {lineNumber}: seq {row.Seq} is not after {previous}");
                    first ??= row.Seq;
                    last = row.Seq;
                    await WriteAsync(copy, row, ct);
                    if (++count % 10_000 == 0) progress?.Report(new ImportProgress("reading and copying", count, expected));
                }
                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (!result.IsCompleted) continue;
                if (!buffer.IsEmpty) throw new AuditFileException($"line {lineNumber + 1} has no line end: the file was cut");
                break;
            }
            await copy.CompleteAsync(ct);
        }
        await pipe.CompleteAsync();
        progress?.Report(new ImportProgress("reading and copying", count, Math.Max(count, expected)));
        return new CopyResult(count, Convert.ToHexStringLower(hash.GetHashAndReset()), first, last, trailing);
    }

    private static ExportManifest ParseTrailing(byte[] bytes, long lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.GetProperty("manifest").Deserialize<ExportManifest>(ExportManifest.Json)
                   ?? throw new AuditFileException($"line {lineNumber}: an empty manifest");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            throw new AuditFileException($"line {lineNumber}: the manifest line is not readable: {e.Message}");
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        return true;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, ImportedLine row, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(row.Seq, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(row.StreamKey, NpgsqlDbType.Varchar, ct);
        await Nullable(copy, row.StreamType, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(row.Type, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(row.Timestamp.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await Nullable(copy, row.Tenant, NpgsqlDbType.Varchar, ct);
        await Nullable(copy, row.CorrelationId, NpgsqlDbType.Varchar, ct);
        await Nullable(copy, row.CausationId, NpgsqlDbType.Varchar, ct);
        await Nullable(copy, row.UserName, NpgsqlDbType.Varchar, ct);
        await Nullable(copy, row.Headers, NpgsqlDbType.Jsonb, ct);
        await copy.WriteAsync(row.Archived, NpgsqlDbType.Boolean, ct);
        await Nullable(copy, row.DotnetType, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(row.Data!, NpgsqlDbType.Jsonb, ct);
    }

    private static async Task Nullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, type, ct);
    }

    /// <summary>Inline snapshots are written at append time, which a raw load skips: the daemon rebuilds each from the events.</summary>
    private async Task<IReadOnlyList<string>> RebuildInlineAsync(IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var inline = ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Inline).Select(p => p.Name).ToList();
        using var daemon = await store.BuildProjectionDaemonAsync();
        for (var i = 0; i < inline.Count; i++)
        {
            progress?.Report(new ImportProgress($"rebuilding {inline[i]}", i, inline.Count));
            await daemon.RebuildProjectionAsync(inline[i], TimeSpan.FromHours(1), ct);
        }
        progress?.Report(new ImportProgress("inline projections rebuilt", inline.Count, inline.Count));
        return inline;
    }

    private static async Task<bool> IsGzipAsync(FileStream file, CancellationToken ct)
    {
        var magic = new byte[2];
        var n = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
