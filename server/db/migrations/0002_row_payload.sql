-- Hand-edited after drizzle-kit generate: existing rows get their payload from the columns 0003 drops.
ALTER TABLE "rows" ADD COLUMN "payload" text;--> statement-breakpoint
UPDATE "rows" SET "payload" = json_build_object('entity', "entity", 'id', "id", 'naturalKey', "natural_key", 'deleted', "deleted", 'fields', "fields", 'clocks', "clocks", 'put', "put_clock", 'del', "del_clock", 'version', "version")::text;--> statement-breakpoint
ALTER TABLE "rows" ALTER COLUMN "payload" SET NOT NULL;
