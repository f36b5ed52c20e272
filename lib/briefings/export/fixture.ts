import type { BriefingSnapshot } from "@/lib/briefings/snapshot";

// A fixed briefing for the export tests and golden files. Quotes are exact passages of the reference
// article (shared/fixtures/seed-article-blinken-china-2024-04.txt); its publication date is assumed.
// Issue 3 carries hostile cells (formula starts, Markdown/HTML), key judgments carry curly quotes and an
// en dash, and an actor carries CJK text, to exercise CSV neutralizing, Markdown escaping and PDF mapping.

const ARTICLE = {
  documentTitle: "Blinken to Warn China of Sanctions Over Support for Russia During April Visit",
  url: "https://example.org/news/blinken-to-warn-china-of-sanctions-2024-04",
  sourceName: "Trim Correspondents",
  sourceReliability: "C",
  publishedAt: "2024-04-19",
} as const;

export const fixtureSnapshot: BriefingSnapshot = {
  formatVersion: 1,
  id: "01900000-0000-7000-8000-0000000000b2",
  title: "China’s support to Russia’s defence industry – sanctions outlook",
  marking: "TLP:AMBER",
  teamName: "Demo policy team",
  createdAt: "2024-04-22T09:30:00.000Z",
  createdBy: "Alex Analyst",
  keyJudgments:
    "Washington is very likely to announce sanctions on Chinese entities supplying Russia’s defence industrial base within three months; Secretary Blinken’s April 24–26 visit is the last “warning” step.\n\n" +
    "Secondary sanctions on Chinese banks are roughly as likely as not: they would carry the highest impact for EU exporters.",
  filter: { status: ["warning_issued", "measures_threatened"], category: null, q: "china" },
  previousBriefing: {
    id: "01900000-0000-7000-8000-0000000000b1",
    title: "Weekly sanctions watch",
    createdAt: "2024-04-12T08:00:00.000Z",
  },
  issues: [
    {
      id: "01900000-0000-7000-8000-000000000101",
      title: "Dual-use technology transfers to Russia's defense industrial base",
      summary:
        "The US is preparing to sanction Chinese suppliers of dual-use goods to Russia's military.\n\nWatch for designations after the Beijing visit.",
      category: "dual-use technology",
      status: "measures_threatened",
      likelihood: "very_likely",
      impact: 4,
      riskScore: 24,
      jurisdictions: ["US", "CN", "RU"],
      actors: ["Antony Blinken", "Wang Yi (王毅)", "Kurt Campbell", "China Head Aerospace Technology Company"],
      designations: [
        {
          entity: "China Head Aerospace Technology Company",
          list: "OFAC Specially Designated Nationals (SDN)",
          sourceId: "42075",
          listedName: "CHINA HEAD AEROSPACE TECHNOLOGY COMPANY",
          programs: ["RUSSIA-EO14024"],
          since: null,
        },
      ],
      hsCodes: ["8542", "8411"],
      owner: { name: "Dana Analyst", email: "dana@example.org" },
      trend: "escalating",
      evidence: [
        {
          id: "01900000-0000-7000-8000-000000000201",
          ...ARTICLE,
          credibility: 2,
          stance: "escalating",
          quote:
            "the US believes that China has become a primary contributor to Russia's defense industrial base, allowing Moscow to largely reconstitute its defense capabilities and pose a threat to European security.",
          note: "US assessment that China is now a primary contributor.",
        },
        {
          id: "01900000-0000-7000-8000-000000000202",
          ...ARTICLE,
          credibility: 3,
          stance: "context",
          quote:
            "China has maintained a policy of neutrality on the Ukraine conflict and has denied selling weapons to Russia.",
          note: "",
        },
      ],
    },
    {
      id: "01900000-0000-7000-8000-000000000102",
      title: "Chinese financial institutions facing secondary sanctions",
      summary: "Sanctions on Chinese banks that clear payments for dual-use trade with Russia are under consideration.",
      category: "financial institutions",
      status: "warning_issued",
      likelihood: "roughly_even_chance",
      impact: 5,
      riskScore: 20,
      jurisdictions: ["US", "CN"],
      actors: ["US Department of State", "US Treasury"],
      designations: [],
      hsCodes: [],
      owner: { name: "Olu Adeyemi", email: "olu@example.org" },
      trend: "new",
      evidence: [
        {
          id: "01900000-0000-7000-8000-000000000203",
          ...ARTICLE,
          credibility: 2,
          stance: "escalating",
          quote:
            "Blinken aims to convey that the US is considering imposing sanctions against Chinese financial institutions and other organizations involved in supplying dual-use technologies to Russia.",
          note: "Financial institutions named explicitly as possible targets.",
        },
      ],
    },
    {
      id: "01900000-0000-7000-8000-000000000103",
      title: '=HYPERLINK("https://example.invalid","Engines for cruise missiles")',
      summary: "# Imported from a spreadsheet\n\n- keep the <b>raw</b> text [x](javascript:alert(1))",
      category: "engines and propulsion",
      status: "monitoring",
      likelihood: "likely",
      impact: 3,
      riskScore: 15,
      jurisdictions: ["\tCN", "RU"],
      actors: ["+1 unnamed supplier"],
      designations: [],
      hsCodes: ["8411"],
      owner: null,
      trend: "steady",
      evidence: [
        {
          id: "01900000-0000-7000-8000-000000000204",
          documentTitle: "\rBlinken to Warn China of Sanctions Over Support for Russia During April Visit",
          url: "javascript:alert(1)",
          sourceName: "@SUM(1+1)",
          sourceReliability: "F",
          publishedAt: null,
          credibility: 6,
          stance: "escalating",
          quote:
            "The US and its allies are becoming increasingly intolerant of China's support for the Russian defense sector, which includes supplying everything from chips to engines for cruise missiles.",
          note: "-2 <script>alert(1)</script> *not emphasis* [^9]",
        },
      ],
    },
    {
      id: "01900000-0000-7000-8000-000000000104",
      title: "Microelectronics and chips supply",
      summary: "",
      category: "microelectronics/chips",
      status: "monitoring",
      likelihood: "unlikely",
      impact: 3,
      riskScore: 9,
      jurisdictions: [],
      actors: [],
      designations: [],
      hsCodes: ["8542"],
      owner: null,
      trend: "de-escalating",
      evidence: [],
    },
  ],
  changes: [
    {
      at: "2024-04-15T10:05:00.000Z",
      actor: "Alex Analyst",
      issueId: "01900000-0000-7000-8000-000000000101",
      issueTitle: "Dual-use technology transfers to Russia's defense industrial base",
      kind: "status",
      from: "warning_issued",
      to: "measures_threatened",
      summary: "Deputy Secretary Campbell's remarks read as a threat of measures.",
    },
    {
      at: "2024-04-16T14:40:00.000Z",
      actor: "Alex Analyst",
      issueId: "01900000-0000-7000-8000-000000000101",
      issueTitle: "Dual-use technology transfers to Russia's defense industrial base",
      kind: "likelihood",
      from: "likely",
      to: "very_likely",
      summary: "",
    },
    {
      at: "2024-04-18T09:00:00.000Z",
      actor: "Sam Lead",
      issueId: "01900000-0000-7000-8000-000000000102",
      issueTitle: "Chinese financial institutions facing secondary sanctions",
      kind: "created",
      from: null,
      to: null,
      summary: "Opened after the State Department briefing.",
    },
    {
      at: "2024-04-19T16:20:00.000Z",
      actor: "Alex Analyst",
      issueId: "01900000-0000-7000-8000-000000000102",
      issueTitle: "Chinese financial institutions facing secondary sanctions",
      kind: "evidence",
      from: null,
      to: "Blinken to Warn China of Sanctions Over Support for Russia During April Visit",
      summary: "Graded C2.",
    },
  ],
};
