ALTER TABLE "frames" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "frames" ADD COLUMN "action" jsonb;--> statement-breakpoint
-- Sessions from before the vision lane: their status gains the lane, as one that had nothing to do.
UPDATE "sessions" SET "processing_status" = jsonb_set("processing_status", '{visionLane}', '{"status":"skipped","progress":0}'::jsonb)
WHERE "processing_status" IS NOT NULL AND NOT ("processing_status" ? 'visionLane');
