//! Asset directories: open (directory or bare main.mlirb), atomic write, metadata and hash.
use coreai_aimodel::{Asset, asset, write_asset};
use sha2::Digest;

#[test]
fn rewrite_every_corpus_asset() {
    let tmp = tempfile::tempdir().unwrap();
    for p in super::corpus() {
        let a = Asset::open(&p).unwrap();
        assert_eq!(a.metadata.get("assetVersion"), Some("2.0"));
        let bare = Asset::open(p.join("main.mlirb")).unwrap();
        assert_eq!(bare.bytes(), a.bytes());
        let m = a.module().unwrap();
        let bc = m.encode().unwrap();
        let out = tmp.path().join(p.file_name().unwrap());
        let meta = a.metadata.for_output(std::time::SystemTime::now());
        let n = write_asset(&out, &bc, &meta).unwrap();
        let written = std::fs::read(out.join(asset::MAIN)).unwrap();
        assert_eq!(written.len() as u64, n);
        assert_eq!(written, a.bytes(), "{}", p.display());
        let hash = std::fs::read(out.join(asset::HASH)).unwrap();
        assert_eq!(hash, sha2::Sha256::digest(&written).to_vec());
        let again = Asset::open(&out).unwrap();
        assert_eq!(again.metadata.get("producer"), Some(asset::PRODUCER));
    }
}

#[test]
fn failed_write_leaves_the_existing_asset_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let src = &super::corpus()[0];
    let a = Asset::open(src).unwrap();
    let bc = a.bytecode().unwrap();
    let out = tmp.path().join("x.aimodel");
    write_asset(&out, &bc, &a.metadata).unwrap();
    let before = std::fs::read(out.join(asset::MAIN)).unwrap();
    // A bytecode the writer rejects: an op name index out of range cannot be encoded... use an
    // I/O failure instead: the parent directory is read-only.
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let target = ro.join("y.aimodel");
    write_asset(&target, &bc, &a.metadata).unwrap();
    let mut perm = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o555);
    std::fs::set_permissions(&ro, perm.clone()).unwrap();
    let r = write_asset(&target, &bc, &a.metadata);
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&ro, perm).unwrap();
    // Root may write anyway; either way the asset must be complete and unchanged in content.
    if let Err(e) = r {
        assert!(e.to_string().contains("ro"), "{e}");
    }
    assert_eq!(std::fs::read(target.join(asset::MAIN)).unwrap(), before);
    assert_eq!(
        std::fs::read_dir(&ro).unwrap().count(),
        1,
        "no temporary directory left behind"
    );
    // A missing parent directory is an error naming the path, and nothing is created.
    let e = write_asset(&tmp.path().join("missing/z.aimodel"), &bc, &a.metadata)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing"), "{e}");
    assert!(!tmp.path().join("missing").exists());
    assert_eq!(std::fs::read(out.join(asset::MAIN)).unwrap(), before);
}
