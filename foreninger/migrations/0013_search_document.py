"""The directory's search document, the search query and the default synonyms.

`foreninger_association.search_document` is a column of PostgreSQL's own, outside the model so
that no other read loads it: every word a citizen may search an association by, weighted
A (its name and target groups), B (short description, activity titles), C (focus areas and
descriptions), D (towns and egne). Its parts live in other tables, so triggers keep it: a
row trigger on the association computes it, and a write to an activity, a link to a target
group, focus area or region, or a renamed target group, focus area or region recomputes the
associations it touches, in the same transaction, whatever makes the change.

The demo's marker ("Demoforening – findes ikke.") stays on the cards but out of the document,
or every search for a word starting with "dem" would find every demo association.

`foreninger_search_query(words, every)` turns the typed words into one tsquery: every word (or
any word) must match, as itself or one of its synonyms (foreninger_searchsynonym); a Danish stem of four letters or
more matches as a prefix ("ældre" finds "ældreklub"), a shorter one only whole, with the typed
word as a prefix beside it ("demens": 'dem' | 'demens':*, never 'dem':*); and a long word also
matches its two parts (“hjertepatienter”: 'hjert':* & 'patient':*), split at every point that
leaves two stems of four letters or more, for words of up to 24 letters.
"""

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

from foreninger import synonyms
from foreninger.demo import DEMO_MARK
from frivillig import pagecache

DOCUMENT = """
ALTER TABLE foreninger_association ADD COLUMN search_document tsvector;

CREATE FUNCTION foreninger_search_document(a foreninger_association) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    WITH activities AS (
        SELECT id, title, description, town, region_id
        FROM foreninger_activity WHERE association_id = a.id
    )
    SELECT
        setweight(to_tsvector('danish', a.name), 'A')
        || setweight(to_tsvector('danish', coalesce((
            SELECT string_agg(g.name, ' ') FROM frivillig_targetgroup g
            WHERE g.id IN (
                SELECT targetgroup_id FROM foreninger_association_target_groups
                WHERE association_id = a.id
                UNION
                SELECT link.targetgroup_id FROM foreninger_activity_target_groups link
                JOIN activities ON activities.id = link.activity_id
            )
        ), '')), 'A')
        || setweight(to_tsvector('danish',
            replace(a.short_description, DEMO_MARK, '')
            || ' ' || coalesce((SELECT string_agg(title, ' ') FROM activities), '')
        ), 'B')
        || setweight(to_tsvector('danish', coalesce((
            SELECT string_agg(f.title, ' ') FROM frivillig_focusarea f
            JOIN foreninger_association_focus_areas link ON link.focusarea_id = f.id
            WHERE link.association_id = a.id
        ), '') || ' ' || a.description || ' '
            || coalesce((SELECT string_agg(description, ' ') FROM activities), '')
        ), 'C')
        || setweight(to_tsvector('danish',
            a.town || ' ' || coalesce((SELECT string_agg(town, ' ') FROM activities), '')
            || ' ' || coalesce((
                SELECT string_agg(r.name, ' ') FROM frivillig_region r
                WHERE r.id IN (
                    SELECT region_id FROM foreninger_association_regions
                    WHERE association_id = a.id
                    UNION
                    SELECT region_id FROM activities
                )
            ), '')
        ), 'D')
$$;

CREATE FUNCTION foreninger_search_document_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := foreninger_search_document(NEW);
    RETURN NEW;
END;
$$;

CREATE TRIGGER search_document BEFORE INSERT OR UPDATE ON foreninger_association
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_set();

-- TG_ARGV[0]: the changed row's column that leads to the association.
CREATE FUNCTION foreninger_search_document_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keys bigint[] := ARRAY[
        (to_jsonb(OLD) ->> TG_ARGV[0])::bigint, (to_jsonb(NEW) ->> TG_ARGV[0])::bigint
    ];
BEGIN
    IF TG_ARGV[0] = 'activity_id' THEN
        keys := ARRAY(SELECT association_id FROM foreninger_activity WHERE id = ANY(keys));
    END IF;
    -- The association's own trigger computes the document.
    UPDATE foreninger_association SET search_document = NULL WHERE id = ANY(keys);
    RETURN NULL;
END;
$$;

CREATE TRIGGER search_document_refresh
AFTER INSERT OR UPDATE OR DELETE ON foreninger_activity
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_refresh('association_id');
CREATE TRIGGER search_document_refresh
AFTER INSERT OR UPDATE OR DELETE ON foreninger_activity_target_groups
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_refresh('activity_id');
CREATE TRIGGER search_document_refresh
AFTER INSERT OR UPDATE OR DELETE ON foreninger_association_target_groups
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_refresh('association_id');
CREATE TRIGGER search_document_refresh
AFTER INSERT OR UPDATE OR DELETE ON foreninger_association_focus_areas
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_refresh('association_id');
CREATE TRIGGER search_document_refresh
AFTER INSERT OR UPDATE OR DELETE ON foreninger_association_regions
FOR EACH ROW EXECUTE FUNCTION foreninger_search_document_refresh('association_id');

CREATE FUNCTION foreninger_search_document_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE foreninger_association SET search_document = NULL
    WHERE id IN (
        SELECT association_id FROM foreninger_association_target_groups
        WHERE TG_TABLE_NAME = 'frivillig_targetgroup' AND targetgroup_id = NEW.id
        UNION
        SELECT a.association_id FROM foreninger_activity a
        JOIN foreninger_activity_target_groups link ON link.activity_id = a.id
        WHERE TG_TABLE_NAME = 'frivillig_targetgroup' AND link.targetgroup_id = NEW.id
        UNION
        SELECT association_id FROM foreninger_association_focus_areas
        WHERE TG_TABLE_NAME = 'frivillig_focusarea' AND focusarea_id = NEW.id
        UNION
        SELECT association_id FROM foreninger_association_regions
        WHERE TG_TABLE_NAME = 'frivillig_region' AND region_id = NEW.id
        UNION
        SELECT association_id FROM foreninger_activity
        WHERE TG_TABLE_NAME = 'frivillig_region' AND region_id = NEW.id
    );
    RETURN NULL;
END;
$$;

CREATE TRIGGER search_document_renamed AFTER UPDATE OF name ON frivillig_targetgroup
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION foreninger_search_document_renamed();
CREATE TRIGGER search_document_renamed AFTER UPDATE OF title ON frivillig_focusarea
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
EXECUTE FUNCTION foreninger_search_document_renamed();
CREATE TRIGGER search_document_renamed AFTER UPDATE OF name ON frivillig_region
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION foreninger_search_document_renamed();

UPDATE foreninger_association SET search_document = NULL;
CREATE INDEX association_search_document_gin ON foreninger_association
USING gin (search_document);

-- One word's alternatives: its stem (a prefix from four letters), and the typed word as a
-- prefix where the stem is shorter.
CREATE FUNCTION foreninger_search_term(term text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE
        WHEN stem IS NULL THEN NULL
        WHEN length(stem) >= 4 THEN quote_literal(stem) || ':*'
        WHEN length(term) >= 4 THEN quote_literal(stem) || ' | ' || quote_literal(term) || ':*'
        ELSE quote_literal(stem)
    END
    FROM (SELECT (ts_lexize('danish_stem', term))[1] AS stem) AS stemmed
$$;

CREATE FUNCTION foreninger_search_query(words text[], every boolean) RETURNS tsquery
LANGUAGE plpgsql STABLE AS $$
DECLARE
    word text;
    stem text;
    head text;
    tail text;
    alternatives text[];
    required text[] := '{}';  -- one group of alternatives per word
BEGIN
    FOREACH word IN ARRAY words LOOP
        word := lower(word);
        stem := (ts_lexize('danish_stem', word))[1];
        CONTINUE WHEN stem IS NULL;  -- a stop word ("og", "i", "for")
        alternatives := ARRAY(
            SELECT DISTINCT foreninger_search_term(synonym)
            FROM (
                SELECT word AS synonym
                UNION
                SELECT btrim(unnest(string_to_array(s.words, ',')))
                FROM foreninger_searchsynonym s
                WHERE s.stems @@ quote_literal(stem)::tsquery
            ) AS synonyms
            WHERE foreninger_search_term(synonym) IS NOT NULL
        );
        IF length(word) BETWEEN 8 AND 24 THEN
            FOR cut IN 4 .. length(word) - 4 LOOP
                head := (ts_lexize('danish_stem', left(word, cut)))[1];
                tail := (ts_lexize('danish_stem', substr(word, cut + 1)))[1];
                IF length(head) >= 4 AND length(tail) >= 4 THEN
                    alternatives := alternatives || format(
                        '(%s:* & %s:*)', quote_literal(head), quote_literal(tail)
                    );
                END IF;
            END LOOP;
        END IF;
        required := required || ('(' || array_to_string(alternatives, ' | ') || ')');
    END LOOP;
    IF cardinality(required) = 0 THEN
        RETURN NULL;
    END IF;
    RETURN array_to_string(required, CASE WHEN every THEN ' & ' ELSE ' | ' END)::tsquery;
END;
$$;
"""

DROP_DOCUMENT = """
DROP INDEX IF EXISTS association_name_trgm;
DROP FUNCTION foreninger_search_query(text[], boolean);
DROP FUNCTION foreninger_search_term(text);
DROP TRIGGER search_document_renamed ON frivillig_targetgroup;
DROP TRIGGER search_document_renamed ON frivillig_focusarea;
DROP TRIGGER search_document_renamed ON frivillig_region;
DROP FUNCTION foreninger_search_document_renamed();
DROP FUNCTION foreninger_search_document_refresh() CASCADE;
DROP FUNCTION foreninger_search_document_set() CASCADE;
DROP FUNCTION foreninger_search_document(foreninger_association);
ALTER TABLE foreninger_association DROP COLUMN search_document;
"""

# The typo-tolerant fallback compares the typed words with every name through this index.
TRIGRAM_INDEX = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX association_name_trgm ON foreninger_association
        USING gin (name gin_trgm_ops);
    END IF;
END
$$;
"""


def _literal(text):
    return "'" + text.replace("'", "''") + "'"


def install_synonyms(apps, schema_editor):
    synonyms.install_defaults(apps.get_model("foreninger", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [
        ("foreninger", "0012_cvr_identity_and_join_requests"),
        ("frivillig", "0013_english_beside_danish"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "words",
                    models.CharField(
                        help_text="Two or more lowercase words that mean the same in a search, separated by commas, for example “ensom, ensomhed, alene”.",
                        max_length=300,
                        unique=True,
                        verbose_name="words",
                    ),
                ),
                (
                    "stems",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.SearchVector(
                            "words", config="danish"
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["words"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("words__regex", "^[^,[:space:]]+(, [^,[:space:]]+)+$"),
                            ("words", django.db.models.functions.text.Lower("words")),
                        ),
                        name="search_synonym_words_listed",
                        violation_error_message="Write two or more lowercase words separated by a comma and a space.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="RegionPlace",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "postcode",
                    models.CharField(
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$", "Enter a Danish postcode of four digits."
                            )
                        ],
                        verbose_name="postcode",
                    ),
                ),
                ("town", models.CharField(max_length=100, verbose_name="town")),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="places",
                        to="frivillig.region",
                        verbose_name="region",
                    ),
                ),
            ],
            options={
                "verbose_name": "place in a region",
                "verbose_name_plural": "places in regions",
                "ordering": ["postcode", "town"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("region", "postcode", "town"), name="region_place_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("postcode__regex", "^[0-9]{4}$")),
                        name="region_place_postcode_four_digits",
                    ),
                ],
            },
        ),
        migrations.RunSQL(
            DOCUMENT.replace("DEMO_MARK", _literal(DEMO_MARK)) + TRIGRAM_INDEX,
            reverse_sql=DROP_DOCUMENT,
        ),
        migrations.RunPython(install_synonyms, migrations.RunPython.noop),
        pagecache.triggers_sync("foreninger"),
    ]
