"""On SQLite, an FTS5 index over SearchDocument, kept in step by triggers."""

from django.db import migrations

FTS = [
    """CREATE VIRTUAL TABLE curriculum_searchfts USING fts5(
        title, text, content='curriculum_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER curriculum_search_ai AFTER INSERT ON curriculum_searchdocument BEGIN
        INSERT INTO curriculum_searchfts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
    """CREATE TRIGGER curriculum_search_ad AFTER DELETE ON curriculum_searchdocument BEGIN
        INSERT INTO curriculum_searchfts(curriculum_searchfts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
       END""",
    """CREATE TRIGGER curriculum_search_au AFTER UPDATE ON curriculum_searchdocument BEGIN
        INSERT INTO curriculum_searchfts(curriculum_searchfts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO curriculum_searchfts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
]
DROP = [
    "DROP TRIGGER IF EXISTS curriculum_search_au",
    "DROP TRIGGER IF EXISTS curriculum_search_ad",
    "DROP TRIGGER IF EXISTS curriculum_search_ai",
    "DROP TABLE IF EXISTS curriculum_searchfts",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in FTS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0002_searchdocument")]
    operations = [migrations.RunPython(forwards, backwards)]
