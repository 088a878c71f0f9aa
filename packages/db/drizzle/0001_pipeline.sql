CREATE TABLE "lane_results" (
	"session_id" text NOT NULL,
	"lane" text NOT NULL,
	"result" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lane_results_session_id_lane_pk" PRIMARY KEY("session_id","lane")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "client_duration_ms" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "analysis" jsonb;--> statement-breakpoint
ALTER TABLE "lane_results" ADD CONSTRAINT "lane_results_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;