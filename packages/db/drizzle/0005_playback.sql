ALTER TABLE "sessions" ADD COLUMN "keep_playback" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "playback_key" text;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "keep_playback" boolean DEFAULT false NOT NULL;