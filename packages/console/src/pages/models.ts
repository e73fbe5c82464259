import { MlDeploymentsService, MlModelsService, type ModelAlias } from "@quant-platform/client";

import { field, fmt, h, link, replace, table, when } from "../dom";
import { attempt } from "../problem";

export async function modelsView(root: HTMLElement): Promise<void> {
  const { data } = await MlModelsService.listModels({ query: { limit: 200 } });
  replace(
    root,
    h("h1", null, "ML models"),
    table(
      data.items,
      {
        Name: (m) => link(`#/models/${encodeURIComponent(m.name)}`, m.name),
        Status: (m) => m.status,
        "Latest version": (m) => m.latest_version,
        Aliases: (m) => Object.entries(m.aliases).map(([a, v]) => `${a} → v${v}`).join(", "),
        Description: (m) => m.description,
        Updated: (m) => when(m.updated_at),
      },
      "No models yet: train one through the API (ML Experiments), then register its versions here.",
    ),
  );
}

export async function modelView(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const name = params.name ?? "";
  const errors = h("div");
  const load = async () => {
    const [{ data: model }, { data: versions }, { data: deployments }] = await Promise.all([
      MlModelsService.getModel({ path: { name } }),
      MlModelsService.listVersions({ path: { name } }),
      MlDeploymentsService.listDeployments({ path: { name } }),
    ]);
    const alias = h("select", { name: "alias" }, ["champion", "challenger"].map((a) => h("option", { value: a }, a))) as HTMLSelectElement;
    const version = h("select", { name: "version" }, versions.map((v) => h("option", { value: v.version }, `v${v.version}`))) as HTMLSelectElement;
    const act = async (action: () => Promise<unknown>) => {
      if (await attempt(errors, action)) await load();
    };
    replace(
      root,
      h("h1", null, model.name),
      h("p.muted", null, `${model.status}; ${model.description}`),
      errors,
      h(
        "section",
        { "data-testid": "aliases" },
        h("h2", null, "Aliases"),
        table(Object.entries(model.aliases), {
          Alias: ([a]) => a,
          Version: ([, v]) => `v${v}`,
          "": ([a]) =>
            h("button.link", { type: "button", on: { click: () => void act(() => MlModelsService.removeAlias({ path: { name, alias: a as ModelAlias } })) } }, "Remove"),
        }, "No alias set."),
        versions.length
          ? h(
              "form.inline",
              {
                on: {
                  submit: (event: Event) => {
                    event.preventDefault();
                    void act(() =>
                      MlModelsService.setAlias({ path: { name, alias: alias.value as ModelAlias }, body: { version: Number(version.value) } }),
                    );
                  },
                },
              },
              field("Alias", alias),
              field("Version", version),
              h("button", { type: "submit" }, "Point alias"),
              h("button", { type: "button", on: { click: () => void act(() => MlModelsService.promote({ path: { name } })) } }, "Promote challenger"),
            )
          : null,
      ),
      h(
        "section",
        { "data-testid": "versions" },
        h("h2", null, "Versions"),
        table(versions, {
          Version: (v) => `v${v.version}`,
          Status: (v) => v.status,
          Algorithm: (v) => v.algorithm,
          Target: (v) => v.target,
          Interval: (v) => v.interval,
          Features: (v) => v.feature_refs.join(", "),
          Metrics: (v) => fmt(v.metrics),
          Created: (v) => when(v.created_at),
          "": (v) =>
            h(
              "button.link",
              { type: "button", on: { click: () => void act(() => MlDeploymentsService.deploy({ path: { name }, body: { version: v.version } })) } },
              "Deploy to staging",
            ),
        }),
      ),
      h(
        "section",
        { "data-testid": "deployments" },
        h("h2", null, "Deployments"),
        table(deployments, {
          Version: (d) => `v${d.version}`,
          Environment: (d) => d.environment,
          Status: (d) => d.status,
          Traffic: (d) => `${d.traffic_percent} %`,
          Updated: (d) => when(d.updated_at),
          "": (d) =>
            d.status === "inactive"
              ? ""
              : h(
                  "button.link",
                  { type: "button", on: { click: () => void act(() => MlDeploymentsService.stopDeployment({ path: { name, deployment_id: d.id } })) } },
                  "Stop",
                ),
        }, "Not deployed."),
      ),
    );
  };
  await load();
}
