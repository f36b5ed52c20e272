import fc from "fast-check";
import { describe as group, expect, it } from "vitest";
import { describe, noticeOf, recipientsOf, type NotifyingEvent } from "./recipients";

const event = (entityType: string, action: string, fields: Partial<NotifyingEvent> = {}): NotifyingEvent => ({
  teamId: "t1",
  actorId: "ann",
  actorLabel: "Ann",
  entityType,
  entityId: "i1",
  action,
  ...fields,
});

group("what an event notifies about", () => {
  it("new evidence, a status or likelihood move: the issue's followers", () => {
    expect(noticeOf(event("evidence", "evidence_added", { entityId: "ev1", after: { issueId: "i1", quote: "q" } }))).toEqual({ kind: "evidence", subject: { type: "issue", id: "i1" }, followed: [{ kind: "issue", id: "i1" }], mentioned: [] });
    expect(noticeOf(event("issue", "status_changed"))?.kind).toBe("status");
    expect(noticeOf(event("issue", "likelihood_changed"))?.kind).toBe("likelihood");
  });

  it("a review due: the issue's followers; a scheduled briefing: the schedule's followers, linking to the briefing", () => {
    const review = event("issue", "review_due", { actorId: null, after: { reviewAt: "2026-03-02T09:00:00.000Z" } });
    expect(noticeOf(review)).toEqual({ kind: "review_due", subject: { type: "issue", id: "i1" }, followed: [{ kind: "issue", id: "i1" }], mentioned: [] });
    expect(describe(review, noticeOf(review)!, { subject: "Chips" })).toEqual({ title: "Review due: “Chips”", summary: "Its review date, 2026-03-02, has come. Review the issue and set the next date.", link: "/issues/i1" });

    const made = event("briefing", "created", { actorId: null, entityId: "b1", after: { scheduleId: "s1", title: "Weekly", issueCount: 3, changeCount: 1 } });
    const notice = noticeOf(made)!;
    expect(notice).toEqual({ kind: "briefing", subject: { type: "briefing_schedule", id: "s1" }, followed: [{ kind: "briefing_schedule", id: "s1" }], mentioned: [] });
    expect(describe(made, notice, { subject: "Weekly" })).toMatchObject({ title: "Briefing ready: “Weekly”", link: "/briefings/b1" });
    expect(describe(made, notice, { subject: "Weekly" }).summary).toMatch(/^3 issues, 1 change since the previous briefing/);
    // A briefing made by hand tells nobody.
    expect(noticeOf(event("briefing", "created", { entityId: "b2", after: { title: "By hand" } }))).toBeNull();
  });

  it("a designation hit: the entity's followers and those of the issues it is an actor of", () => {
    expect(noticeOf(event("hit", "hit_found", { entityId: "h1", after: { entityId: "e1" } }))).toEqual({
      kind: "designation",
      subject: { type: "entity", id: "e1" },
      followed: [{ kind: "entity", id: "e1" }, { kind: "issues_of_entity", entityId: "e1" }],
      mentioned: [],
    });
    expect(noticeOf(event("hit", "hit_reopened", { after: { entityId: "e1" } }))?.kind).toBe("designation");
  });

  it("a new issue: its category's followers", () => {
    expect(noticeOf(event("issue", "created", { after: { category: "dual-use" } }))?.followed).toEqual([{ kind: "category", slug: "dual-use" }]);
  });

  it("a relevant inbox item: the followers of its issues' categories; unfollowed by its best issue's category, linked to the inbox", () => {
    const arrived = event("inbox_item", "arrived", {
      actorId: null,
      actorLabel: "Feed polling",
      entityId: "item1",
      after: { title: "Suppliers of CNC machine tools designated", relevance: 0.834, feedTitle: "Treasury", issueId: "i1", issueTitle: "Machine tools", categoryId: "c1", categories: ["dual-use-technology", "chips", "dual-use-technology"] },
    });
    const notice = noticeOf(arrived)!;
    expect(notice).toEqual({ kind: "inbox_item", subject: { type: "category", id: "c1" }, followed: [{ kind: "category", slug: "dual-use-technology" }, { kind: "category", slug: "chips" }], mentioned: [] });
    expect(describe(arrived, notice, { subject: "Dual-use technology" })).toEqual({
      title: "In the inbox from Treasury: “Suppliers of CNC machine tools designated”",
      summary: "83% relevant to “Machine tools”. Accept it as a document, snooze or dismiss it.",
      link: "/inbox?sort=relevance&issueId=i1",
    });
    // No category to follow (an issue deleted meanwhile): nobody.
    expect(noticeOf(event("inbox_item", "arrived", { after: { title: "x", categories: [] } }))).toBeNull();
  });

  it("a comment: the people it mentions; an edit only those it newly mentions", () => {
    expect(noticeOf(event("comment", "commented", { after: { entityId: "e1", mentions: ["bob"] } }))).toEqual({ kind: "mention", subject: { type: "entity", id: "e1" }, followed: [], mentioned: ["bob"] });
    expect(noticeOf(event("comment", "comment_edited", { before: { mentions: ["bob"] }, after: { issueId: "i1", mentions: ["bob", "cy"] } }))?.mentioned).toEqual(["cy"]);
    expect(noticeOf(event("comment", "comment_edited", { before: { mentions: ["bob"] }, after: { issueId: "i1", mentions: ["bob"] } }))).toBeNull();
    expect(noticeOf(event("comment", "commented", { after: { issueId: "i1", mentions: [] } }))).toBeNull();
  });

  it("everything else notifies nobody", () => {
    for (const [type, action] of [["issue", "updated"], ["issue", "deleted"], ["hit", "hit_decided"], ["hit", "hit_gone"], ["member", "role_changed"], ["evidence", "evidence_removed"]]) {
      expect(noticeOf(event(type!, action!, { after: { issueId: "i1", entityId: "e1" } }))).toBeNull();
    }
  });
});

group("who is notified", () => {
  const notice = { kind: "status" as const, subject: { type: "issue" as const, id: "i1" }, followed: [], mentioned: ["dan"] };
  const members = new Set(["ann", "bob", "cy", "dan"]);

  it("followers and the mentioned, once each, never the actor nor someone outside the team", () => {
    expect(recipientsOf({ actorId: "ann" }, notice, { followers: ["ann", "bob", "bob", "eve"], members }).sort()).toEqual(["bob", "dan"]);
  });

  it("holds for any followers, mentions and members", () => {
    const person = fc.constantFrom<string>("ann", "bob", "cy", "dan", "eve", "fay");
    fc.assert(
      fc.property(fc.option(person, { nil: null }), fc.array(person), fc.array(person), fc.array(person), (actorId, followers, mentioned, team) => {
        const members = new Set(team);
        const got = recipientsOf({ actorId }, { ...notice, mentioned }, { followers, members });
        expect(new Set(got).size).toBe(got.length);
        for (const userId of got) {
          expect(userId).not.toBe(actorId);
          expect(members.has(userId)).toBe(true);
          expect(followers.includes(userId) || mentioned.includes(userId)).toBe(true);
        }
        for (const userId of [...followers, ...mentioned]) if (userId !== actorId && members.has(userId)) expect(got).toContain(userId);
      }),
    );
  });
});

group("what a notification says", () => {
  it("a move names both ends and its rationale, and links to the issue", () => {
    const moved = event("issue", "status_changed", { before: { status: "monitoring", likelihood: "unlikely" }, after: { status: "warning_issued", likelihood: "likely", rationale: "Treasury warned" } });
    expect(describe(moved, noticeOf(moved)!, { subject: "Drones" })).toEqual({
      title: "“Drones”: status Monitoring → Warning issued, likelihood Unlikely → Likely",
      summary: "By Ann. Why: Treasury warned",
      link: "/issues/i1",
    });
  });

  it("a long quote is clipped", () => {
    const added = event("evidence", "evidence_added", { after: { issueId: "i1", quote: "x".repeat(1000) } });
    expect(describe(added, noticeOf(added)!, { subject: "Drones" }).summary.length).toBe(280);
  });
});
