// GET /api/feeds/opml – the team's feeds as an OPML file, grouped by source
// POST /api/feeds/opml – follow the feeds an OPML file lists, each under the source its folder names
import { json, route } from "@/lib/api/route";
import { exportOpml, importOpml } from "@/lib/services/feeds/opml";
import { importOpmlSchema } from "@/lib/validation/feeds";

export const GET = route({ role: "viewer" }, async ({ actor }) =>
  new Response(await exportOpml(actor), { headers: { "content-type": "text/x-opml; charset=utf-8", "content-disposition": 'attachment; filename="feeds.opml"' } }),
);

export const POST = route({ role: "analyst", body: importOpmlSchema }, async ({ actor, body }) => json(await importOpml(actor, body)));
