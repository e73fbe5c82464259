"""Model registry: versions from experiments, artifact fidelity, lifecycle, atomic aliases, lineage."""

import asyncio

import numpy as np
from beanie import PydanticObjectId

from quant_ml_platform.engine import artifact
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services import artifact_store
from quant_ml_platform.services.features.feature_store import feature_matrix
from quant_shared.testing import bearer

from .helpers import trained_model


async def test_loaded_artifact_predicts_exactly_what_the_trained_model_did(client, auth):
    setup = await trained_model(client, auth, algorithm="gradient_boosting", params={"n_estimators": 30})
    version, experiment = setup["version"], setup["experiment"]
    artifact_store._cache.clear()  # a fresh read from GridFS
    model = await artifact_store.load(PydanticObjectId(version["artifact_id"]))
    versions = [await FeatureVersion.get(PydanticObjectId(i)) for i in version["feature_version_ids"]]
    matrix = (await feature_matrix(versions, "AAA", None, None)).reindex(columns=version["feature_refs"])
    ref = experiment["reference"]
    X = matrix.loc[ref["timestamps"]].to_numpy(float)
    assert model.predict_proba(X)[:, 1].tolist() == ref["predictions"]  # bit-for-bit
    stream = await artifact_store._bucket().open_download_stream(PydanticObjectId(version["artifact_id"]))
    assert stream.metadata["format"] == "skops" and (await stream.read())[:2] == b"PK"  # a zip, not a pickle


def test_artifact_loading_refuses_foreign_types():
    import skops.io as sio

    class Sneaky:
        pass

    data = sio.dumps({"model": Sneaky()})
    try:
        artifact.loads(data)
    except artifact.UnsafeArtifactError as exc:
        assert "Sneaky" in str(exc)
    else:
        raise AssertionError("a foreign type was loaded")


async def test_lifecycle_aliases_and_lineage(client, auth, token_factory):
    setup = await trained_model(client, auth, name="dir")
    exp_id = setup["experiment"]["id"]
    second = await client.post("/ml/models/dir/versions", json={"experiment_id": exp_id}, headers=auth)
    assert second.json()["version"] == 2
    model = (await client.get("/ml/models/dir", headers=auth)).json()
    assert model["status"] == "draft" and model["latest_version"] == 2
    bad = await client.patch("/ml/models/dir/versions/1", json={"status": "production"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.status"
    for status in ("staging", "production"):
        ok = await client.patch("/ml/models/dir/versions/1", json={"status": status}, headers=auth)
        assert ok.json()["status"] == status
    assert [
        m["name"] for m in (await client.get("/ml/models?status=production", headers=auth)).json()["items"]
    ] == ["dir"]
    assert (await client.get("/ml/models?status=staging", headers=auth)).json()["total"] == 0
    await client.put("/ml/models/dir/aliases/champion", json={"version": 1}, headers=auth)
    body = (await client.put("/ml/models/dir/aliases/challenger", json={"version": 2}, headers=auth)).json()
    assert body["aliases"] == {"champion": 1, "challenger": 2}
    promoted = (await client.post("/ml/models/dir/promotions", headers=auth)).json()
    assert promoted["aliases"] == {"champion": 2}
    assert (await client.post("/ml/models/dir/promotions", headers=auth)).status_code == 409
    missing = await client.put("/ml/models/dir/aliases/champion", json={"version": 9}, headers=auth)
    assert missing.status_code == 404
    lineage = (await client.get("/ml/models/dir/versions/1/lineage", headers=auth)).json()
    assert lineage["experiment"]["id"] == exp_id
    assert [f"{f['feature_name']}@{f['version']}" for f in lineage["features"]] == lineage["version"][
        "feature_refs"
    ]
    metrics = (await client.get("/ml/models/dir/versions/1/metrics", headers=auth)).json()
    assert metrics[0]["source"] == "walk_forward"
    assert metrics[0]["metrics"]["accuracy"] == setup["experiment"]["metrics"]["accuracy"]
    other = bearer(token_factory.user("intruder"))
    assert (await client.get("/ml/models/dir", headers=other)).status_code == 404
    stolen = await client.post("/ml/models/mine/versions", json={"experiment_id": exp_id}, headers=other)
    assert stolen.status_code == 422 and stolen.json()["errors"][0]["field"] == "body.experiment_id"
    in_use = await client.delete("/features/ret1", headers=auth)
    assert in_use.status_code == 409  # lineage stays intact
    archived = await client.patch("/ml/models/dir/versions/2", json={"status": "archived"}, headers=auth)
    assert archived.json()["status"] == "archived"
    assert np.isclose((await client.get("/ml/models/dir", headers=auth)).json()["latest_version"], 2)


async def test_versions_registered_at_once_get_distinct_numbers(client, auth):
    setup = await trained_model(client, auth, name="race")
    body = {"experiment_id": setup["experiment"]["id"]}
    responses = await asyncio.gather(
        *(client.post("/ml/models/race/versions", json=body, headers=auth) for _ in range(6))
    )
    assert [r.status_code for r in responses] == [201] * 6, [r.text for r in responses]
    assert sorted(r.json()["version"] for r in responses) == [2, 3, 4, 5, 6, 7]
    assert (await client.get("/ml/models/race", headers=auth)).json()["latest_version"] == 7


async def test_a_challenger_promoted_several_times_at_once_is_promoted_once(client, auth):
    setup = await trained_model(client, auth, name="crown")
    body = {"experiment_id": setup["experiment"]["id"]}
    await client.post("/ml/models/crown/versions", json=body, headers=auth)
    await client.put("/ml/models/crown/aliases/champion", json={"version": 1}, headers=auth)
    await client.put("/ml/models/crown/aliases/challenger", json={"version": 2}, headers=auth)
    responses = await asyncio.gather(
        *(client.post("/ml/models/crown/promotions", headers=auth) for _ in range(8))
    )
    assert sorted(r.status_code for r in responses) == [200] + [409] * 7  # one compare-and-set wins
    assert (await client.get("/ml/models/crown", headers=auth)).json()["aliases"] == {"champion": 2}


async def test_two_aliases_moved_to_one_version_at_once_end_on_different_versions(client, auth):
    setup = await trained_model(client, auth, name="pair")
    body = {"experiment_id": setup["experiment"]["id"]}
    await client.post("/ml/models/pair/versions", json=body, headers=auth)
    for _ in range(5):
        await client.put("/ml/models/pair/aliases/champion", json={"version": 1}, headers=auth)
        moves = [
            client.put(f"/ml/models/pair/aliases/{alias}", json={"version": 2}, headers=auth)
            for alias in ("champion", "challenger", "champion", "challenger")
        ]
        assert {r.status_code for r in await asyncio.gather(*moves)} == {200}
        aliases = (await client.get("/ml/models/pair", headers=auth)).json()["aliases"]
        assert list(aliases.values()).count(2) == 1, aliases  # one alias per version, as one move leaves it
