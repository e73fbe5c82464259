import { AdminModelsService, type PromptOut, PromptGovernanceService, type ReviewDecision } from "@quant-platform/client";

import { h, replace, when } from "../dom";
import { attempt } from "../problem";

/** Every prompt version waiting for review, with its template and approve / reject (four-eyes). */
export async function adminPromptsView(root: HTMLElement): Promise<void> {
  const errors = h("div");
  const load = async () => {
    const prompts: PromptOut[] = [];
    for (let offset = 0; ; offset += 200) {
      const { data } = await PromptGovernanceService.listPrompts({ query: { limit: 200, offset } });
      prompts.push(...data.items);
      if (prompts.length >= data.total || !data.items.length) break;
    }
    const queue = prompts.flatMap((p) => p.versions.filter((v) => v.status === "in_review").map((v) => ({ prompt: p, version: v })));
    const review = async (name: string, version: number, decision: ReviewDecision, comment: string) => {
      const done = await attempt(errors, () =>
        AdminModelsService.reviewPromptVersion({ path: { name, version }, body: { decision, comment } }),
      );
      if (done) await load();
    };
    replace(
      root,
      h("h1", null, "Prompt review queue"),
      errors,
      queue.length
        ? queue.map(({ prompt, version }) => {
            const comment = h("input", { name: "comment", placeholder: "Comment" }) as HTMLInputElement;
            return h(
              "article.card.review",
              { "data-testid": "review", "data-prompt": prompt.name, "data-version": version.version },
              h("h2", null, `${prompt.name} v${version.version}`),
              h("p.muted", null, `${prompt.description} Author ${version.author_id}, ${when(version.created_at)}`),
              version.changelog ? h("p", null, "Changelog: ", version.changelog) : null,
              version.system ? [h("h3", null, "System"), h("pre", null, version.system)] : null,
              h("h3", null, "Template"),
              h("pre", null, version.template),
              h(
                "div.inline",
                null,
                comment,
                h("button", { type: "button", on: { click: () => void review(prompt.name, version.version, "approve", comment.value) } }, "Approve"),
                h("button.danger", { type: "button", on: { click: () => void review(prompt.name, version.version, "reject", comment.value) } }, "Reject"),
              ),
            );
          })
        : h("p.empty", { "data-testid": "review-empty" }, "No prompt version is waiting for review."),
      h(
        "section",
        null,
        h("h2", null, "Labels"),
        h(
          "ul",
          { "data-testid": "labels" },
          prompts.map((p) =>
            h("li", null, h("strong", null, p.name), ": ", Object.entries(p.labels).map(([label, v]) => `${label} → v${v}`).join(", ") || "no label"),
          ),
        ),
      ),
    );
  };
  await load();
}
