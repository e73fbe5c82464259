import { StrategiesService, StrategyTemplatesService, type TemplateOut } from "@quant-platform/client";

import { field, h, params, replace, table, when } from "../dom";
import { attempt } from "../problem";

export async function strategiesView(root: HTMLElement): Promise<void> {
  const strategies = h("section", { "data-testid": "strategies" });
  const errors = h("div");
  const { data: templates } = await StrategyTemplatesService.listStrategyTemplates({ query: { limit: 200 } });

  const loadStrategies = async () => {
    const result = await attempt(strategies, () => StrategiesService.listStrategies({ query: { limit: 200 } }));
    if (!result) return;
    replace(
      strategies,
      h("h2", null, "Your strategies"),
      table(result.data.items, {
        Name: (s) => s.name,
        Type: (s) => s.strategy_type,
        Parameters: (s) => params(s.parameters),
        Tags: (s) => s.tags.join(", "),
        Updated: (s) => when(s.updated_at),
      }),
    );
  };

  const template = h(
    "select",
    { name: "template", required: true },
    templates.items.map((t) => h("option", { value: t.id }, t.name)),
  ) as HTMLSelectElement;
  const name = h("input", { name: "name", required: true, placeholder: "My SMA 10/30" }) as HTMLInputElement;
  const parameters = h("textarea", { name: "parameters", rows: 3 }) as HTMLTextAreaElement;
  const chosen = (): TemplateOut | undefined => templates.items.find((t) => t.id === template.value);
  const fillDefaults = () => {
    parameters.value = JSON.stringify(chosen()?.defaults ?? {});
  };
  template.addEventListener("change", fillDefaults);
  fillDefaults();

  const create = async (event: Event) => {
    event.preventDefault();
    const created = await attempt(errors, async () => {
      const values = parameters.value.trim() ? (JSON.parse(parameters.value) as Record<string, unknown>) : {};
      return StrategiesService.createStrategyFromTemplate({
        body: { template_id: template.value, name: name.value, parameters: values },
      });
    });
    if (created) {
      name.value = "";
      await loadStrategies();
    }
  };

  replace(
    root,
    h("h1", null, "Strategies and templates"),
    h(
      "form.card",
      { on: { submit: create }, "data-testid": "new-strategy" },
      h("h2", null, "New strategy from a template"),
      field("Template", template),
      field("Name", name),
      field("Parameters (JSON)", parameters),
      h("button", { type: "submit" }, "Create strategy"),
      errors,
    ),
    strategies,
    h(
      "section",
      { "data-testid": "templates" },
      h("h2", null, "Templates"),
      table(templates.items, {
        Name: (t) => t.name,
        Type: (t) => t.strategy_type,
        Builtin: (t) => (t.builtin ? "yes" : ""),
        Defaults: (t) => params(t.defaults),
        "Searched ranges": (t) =>
          Object.entries(t.parameter_ranges)
            .map(([p, r]) => `${p} ${r.low}..${r.high}${r.step ? ` step ${r.step}` : ""}`)
            .join("; "),
        Description: (t) => t.description ?? "",
      }),
    ),
  );
  await loadStrategies();
}
