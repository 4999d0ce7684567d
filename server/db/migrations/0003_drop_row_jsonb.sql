ALTER TABLE "rows" DROP COLUMN "fields";--> statement-breakpoint
ALTER TABLE "rows" DROP COLUMN "clocks";--> statement-breakpoint
ALTER TABLE "rows" DROP COLUMN "put_clock";--> statement-breakpoint
ALTER TABLE "rows" DROP COLUMN "del_clock";