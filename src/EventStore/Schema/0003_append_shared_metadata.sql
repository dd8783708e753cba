-- es.append with one metadata document for all the events of the call (a session has one):
-- parsed once instead of once per event, which was most of the gap to a plain batched INSERT
-- (ADR-0002). The array form of 0001 stays for callers that send per-event metadata.
create or replace function es.append(
    p_stream_id text, p_stream_type text, p_expected bigint,
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb)
returns table (seq bigint, version bigint, created_at timestamptz)
language plpgsql as $$
declare
    v_current  bigint;
    v_last_tx  xid8;
    v_archived boolean;
    v_tx       xid8 := pg_current_xact_id();
    v_count    int := cardinality(p_event_ids);
begin
    select s.version, s.last_tx_id, s.archived into v_current, v_last_tx, v_archived
      from es.streams s where s.id = p_stream_id for update;
    if not found then
        if p_expected = -3 or p_expected > 0 then
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = '0';
        end if;
        insert into es.streams (id, type, version, last_tx_id)
             values (p_stream_id, p_stream_type, v_count, v_tx)
        on conflict (id) do nothing;
        if not found then -- created by a concurrent transaction that committed first
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = '-1';
        end if;
        v_current := 0;
    else
        if v_archived then
            raise exception using errcode = 'ESA01', message = p_stream_id;
        end if;
        if p_expected = -2 or (p_expected >= 0 and p_expected <> v_current) then
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = v_current::text;
        end if;
        if v_last_tx > v_tx then
            raise exception using errcode = 'ESX01', message = p_stream_id, detail = v_current::text;
        end if;
        update es.streams s set version = v_current + v_count, last_tx_id = v_tx, updated_at = now()
         where s.id = p_stream_id;
    end if;

    return query
    insert into es.events as e (seq, stream_id, version, event_id, type, schema_version, data, metadata)
    select nextval('es.event_seq'), p_stream_id, v_current + u.ord, u.event_id, u.type, u.schema_version, u.data, p_metadata
      from unnest(p_event_ids, p_types, p_schema_versions, p_data)
           with ordinality as u (event_id, type, schema_version, data, ord)
    returning e.seq, e.version, e.created_at;
end;
$$;
