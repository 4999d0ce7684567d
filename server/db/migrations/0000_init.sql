CREATE TABLE "clients" (
	"team_id" text NOT NULL,
	"client_id" text NOT NULL,
	"last_mutation_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_team_id_client_id_pk" PRIMARY KEY("team_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "rows" (
	"team_id" text NOT NULL,
	"entity" text NOT NULL,
	"id" text NOT NULL,
	"natural_key" text,
	"fields" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	"put_clock" text,
	"del_clock" text,
	"deleted" boolean NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "rows_team_id_entity_id_pk" PRIMARY KEY("team_id","entity","id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"label" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rows" ADD CONSTRAINT "rows_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rows_pull_idx" ON "rows" USING btree ("team_id","version","entity","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rows_natural_key_idx" ON "rows" USING btree ("team_id","entity","natural_key") WHERE "rows"."natural_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_hash_idx" ON "tokens" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "tokens_team_idx" ON "tokens" USING btree ("team_id");