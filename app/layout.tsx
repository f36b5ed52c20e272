import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sanctions Watch", template: "%s · Sanctions Watch" },
  description: "Track sanctions risk: a watchlist of issues, the evidence behind every judgment, and briefings for decision makers.",
  // The files are in public/ (icon.svg is the source the PNG and ICO sizes were drawn from).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
  // A private tool: robots.txt keeps crawlers out, and this keeps out any page linked from elsewhere.
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
