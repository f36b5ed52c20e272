import type { CreateIssueInput } from "@/lib/validation/issues";
import type { Reliability, Stance } from "@/lib/generated/prisma/enums";

// The demo team's starting watchlist: four issues that the reference article (April 2024) evidences.

export const demoTeam = { name: "Demo team", slug: "demo" };

export const demoSources: { name: string; kind: string; url: string | null; reliability: Reliability }[] = [
  { name: "Trim Correspondents", kind: "outlet", url: null, reliability: "C" },
  { name: "US Department of State", kind: "ministry", url: "https://www.state.gov", reliability: "B" },
  { name: "US Department of the Treasury (OFAC)", kind: "agency", url: "https://ofac.treasury.gov", reliability: "A" },
  { name: "Council of the European Union", kind: "ministry", url: "https://www.consilium.europa.eu", reliability: "A" },
  { name: "Reuters", kind: "outlet", url: "https://www.reuters.com", reliability: "B" },
];

export const referenceArticle = {
  file: "article-blinken-china-2024-04.txt",
  title: "Blinken to Warn China of Sanctions Over Support for Russia During April Visit",
  source: "Trim Correspondents",
  attribution:
    "News article by Trim Correspondents, April 2024 (before the Secretary of State's 24–26 April visit to China). " +
    "Stored verbatim as the demo's reference evidence.",
};

type DemoIssue = Required<Omit<CreateIssueInput, "nextReviewAt" | "ownerId">> & {
  evidence: { quote: string; credibility: number; stance: Stance; note: string };
};

export const demoIssues: DemoIssue[] = [
  {
    title: "Dual-use technology transfers to Russia's defense industrial base",
    summary:
      "Chinese suppliers provide Russia with dual-use goods (machine tools, microelectronics, optics) that sustain its military production. The US has said it will sanction Chinese entities involved.",
    category: "dual-use-technology",
    status: "warning_issued",
    likelihood: "likely",
    impact: 4,
    jurisdictions: ["US", "CN", "RU"],
    actors: ["United States", "China", "Russia", "Antony Blinken", "Wang Yi"],
    hsCodes: ["8542", "8471", "8526", "9013"],
    tags: ["ukraine-war", "secondary-sanctions"],
    evidence: {
      quote: "caution Chinese officials about potential sanctions if Beijing continues providing Russia with dual-use technologies to aid its military amid the ongoing Ukraine war",
      credibility: 2,
      stance: "escalating",
      note: "Warning to be delivered in person by the Secretary of State.",
    },
  },
  {
    title: "Chinese financial institutions facing secondary sanctions",
    summary:
      "The US is weighing sanctions on Chinese banks that process payments for trade supplying Russia's defense sector, which would cut them off from dollar clearing.",
    category: "financial-institutions",
    status: "measures_threatened",
    likelihood: "roughly_even_chance",
    impact: 5,
    jurisdictions: ["US", "CN"],
    actors: ["United States", "China", "Chinese banks", "Janet Yellen"],
    hsCodes: [],
    tags: ["banks", "secondary-sanctions"],
    evidence: {
      quote: "the US is considering imposing sanctions against Chinese financial institutions and other organizations involved in supplying dual-use technologies to Russia",
      credibility: 2,
      stance: "escalating",
      note: "Considered, not decided: keep at roughly even chance until Treasury acts.",
    },
  },
  {
    title: "Microelectronics and chips supply to Russia",
    summary:
      "Chips and other microelectronics reaching Russia's weapons makers through China, despite export controls.",
    category: "microelectronics-chips",
    status: "warning_issued",
    likelihood: "likely",
    impact: 4,
    jurisdictions: ["US", "CN", "RU"],
    actors: ["China", "Russia"],
    hsCodes: ["8542", "8541"],
    tags: ["export-controls"],
    evidence: {
      quote: "The US and its allies are becoming increasingly intolerant of China's support for the Russian defense sector, which includes supplying everything from chips to engines for cruise missiles.",
      credibility: 3,
      stance: "escalating",
      note: "Chips named explicitly among the goods of concern.",
    },
  },
  {
    title: "Engines for Russian cruise missiles",
    summary: "Engines supplied from China for Russian cruise missiles and drones.",
    category: "engines-propulsion",
    status: "warning_issued",
    likelihood: "roughly_even_chance",
    impact: 4,
    jurisdictions: ["US", "CN", "RU"],
    actors: ["China", "Russia"],
    hsCodes: ["8411", "8407"],
    tags: ["missiles"],
    evidence: {
      quote: "supplying everything from chips to engines for cruise missiles",
      credibility: 3,
      stance: "escalating",
      note: "Engines for cruise missiles named as supplied.",
    },
  },
];
