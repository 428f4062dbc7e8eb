"""Sync between offices by package files (SYNC.md). No Qt here.

    export_package(db, to_code, out_dir)      -> ExportResult   (db.sync.export)
    import_path(db, file_or_dir)              -> [ImportReport] (db.sync.importer)
    make_setup_file(db, office_code, out)     -> SetupFile      (db.sync.setup)
    init_from_setup(db_path, file, passcode)  -> dict           (db.sync.setup)
    trust(db, fingerprint), node_keys(db)                       (db.sync.keys)
    dump_text(db, scope_office)                                 (db.sync.dump)
    simulate(db, edits, seed)                                   (db.sync.simulate)
"""
