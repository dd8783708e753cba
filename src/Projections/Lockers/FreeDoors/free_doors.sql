-- Free-door read model (PRODUCT.md Lockers items 1-5). {schema} is rm, or a shadow schema while rebuilding.
create schema if not exists {schema};

create table if not exists {schema}.cabinets (
    serial_number   text primary key,
    type            text,
    province        text not null default '',
    city            text not null default '',
    area            text not null default '',
    street          text not null default '',
    place           text not null default '',
    community_name  text not null default '',
    address_note    text,
    provisioned     boolean not null default false,
    registered      boolean not null default false,
    updated_at      timestamptz not null
);

create table if not exists {schema}.doors (
    serial_number   text not null,
    door_number     int not null,
    cabinet_index   int not null,
    size            char(1) not null check (size in ('L', 'M', 'S')),
    insulated       boolean not null,
    vertical        boolean not null,
    occupied        boolean not null default false,
    usable          boolean not null default true,
    updated_at      timestamptz not null,
    primary key (serial_number, door_number)
);

-- one row per bank and door kind; queries sum over any prefix of the site
create table if not exists {schema}.free_door_counts (
    serial_number   text not null,
    size            char(1) not null,
    insulated       boolean not null,
    vertical        boolean not null,
    province        text not null,
    city            text not null,
    area            text not null,
    street          text not null,
    place           text not null,
    free            int not null check (free >= 0),
    primary key (serial_number, size, insulated, vertical)
);
create index if not exists free_door_counts_site on {schema}.free_door_counts (province, city, area, street, place);

-- GraphQL lists (ADR-0010): each index ends with the key every list order ends with, so a page is
-- one index range scan with no sort. The clusters use locale C, so these b-trees also serve
-- `startsWith` (LIKE 'prefix%') without text_pattern_ops.
create index if not exists cabinets_site on {schema}.cabinets (province, city, area, street, place, serial_number);
create index if not exists cabinets_city on {schema}.cabinets (city, serial_number);
create index if not exists cabinets_updated_at on {schema}.cabinets (updated_at, serial_number);
-- Faulted doors are few. A partial index finds them without indexing `occupied` or `updated_at`,
-- which change on every parcel and would otherwise stop HOT updates of door rows.
create index if not exists doors_unusable on {schema}.doors (serial_number, door_number) where not usable;
