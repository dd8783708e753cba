-- es.append_events: es.append (0003) with a fast path and the transaction id in its result.
-- An existing stream at the expected version takes one UPDATE … RETURNING instead of
-- SELECT … FOR UPDATE then UPDATE; anything else (new stream, conflict, archived, a newer
-- writer) falls back to the checks of es.append. Returning tx_id saves the session a statement.
create or replace function es.append_events(
    p_stream_id text, p_stream_type text, p_expected bigint,
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb)
returns table (seq bigint, version bigint, created_at timestamptz, tx_id text)
language plpgsql as $$
declare
    v_tx      xid8 := pg_current_xact_id();
    v_count   int := cardinality(p_event_ids);
    v_current bigint;
begin
    update es.streams s set version = s.version + v_count, last_tx_id = v_tx, updated_at = now()
     where s.id = p_stream_id and not s.archived and s.last_tx_id <= v_tx
       and (p_expected = -1 or p_expected = -3 or s.version = p_expected)
    returning s.version - v_count into v_current;

    if not found then
        -- new stream, or a refusal: es.append raises the precise conflict, or creates the stream
        return query select a.seq, a.version, a.created_at, v_tx::text
          from es.append(p_stream_id, p_stream_type, p_expected, p_event_ids, p_types, p_schema_versions, p_data, p_metadata) a;
        return;
    end if;

    return query
    insert into es.events as e (seq, stream_id, version, event_id, type, schema_version, data, metadata)
    select nextval('es.event_seq'), p_stream_id, v_current + u.ord, u.event_id, u.type, u.schema_version, u.data, p_metadata
      from unnest(p_event_ids, p_types, p_schema_versions, p_data)
           with ordinality as u (event_id, type, schema_version, data, ord)
    returning e.seq, e.version, e.created_at, v_tx::text;
end;
$$;
