import { redirect } from "next/navigation";

// The dashboard will be the home page; until then the watchlist is.
export default function Home() {
  redirect("/watchlist");
}
