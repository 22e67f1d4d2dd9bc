//! One small page per failure class of issue 13 (pages rejected or
//! misread where trafilatura and Readability extract): the page must give
//! the story's text, without the furniture around it, and its metadata.

use newsgraph_core::Document;
use newsgraph_ingest::read_bytes;

/// Three paragraphs of story text, each with a word that marks it.
fn story() -> String {
    ["alpha", "bravo", "charlie"]
        .iter()
        .map(|mark| {
            format!(
                "<p>The {mark} paragraph tells how the council, after a long debate on Tuesday, voted to rebuild \
                 the old bridge over the river, which floods every spring and cuts the town in two.</p>"
            )
        })
        .collect()
}

fn read(page: &str) -> Document {
    read_page(page.as_bytes())
}

fn read_page(bytes: &[u8]) -> Document {
    match read_bytes("page.html", bytes).remove(0) {
        Ok(doc) => doc,
        Err(error) => panic!("{error}"),
    }
}

fn assert_story(doc: &Document) {
    for mark in ["alpha", "bravo", "charlie"] {
        assert!(doc.text.contains(&format!("The {mark} paragraph")), "{mark} missing from {:?}", doc.text);
    }
}

#[test]
fn page_inside_a_form() {
    let doc = read(&format!(
        "<html><body><form id=aspnetForm action=/post><div class=main-col><h1>Bridge vote</h1>{}</div>\
         <input type=hidden name=x value=y></form></body></html>",
        story()
    ));
    assert_story(&doc);
}

#[test]
fn body_and_wrapper_with_furniture_classes() {
    for class in ["sidebar-left", "nav-open", "menu-closed", "embed-page", "gallery-layout", "wordpress"] {
        let doc = read(&format!(
            "<html><body class='{class}'><div class='{class} wrapper'>{}</div>\
             <div class=sidebar><p>Popular: nothing else.</p></div></body></html>",
            story()
        ));
        assert_story(&doc);
        assert!(!doc.text.contains("Popular"), "{class}: {:?}", doc.text);
    }
}

#[test]
fn content_inside_header_or_aside() {
    for tag in ["header", "aside"] {
        let doc = read(&format!("<html><body><{tag}>{}</{tag}></body></html>", story()));
        assert_story(&doc);
    }
}

#[test]
fn story_wins_over_a_larger_comment_thread() {
    let comment = "<article class=comment><p>I think, honestly, that this is a waste of money, and the bridge, \
                   as everyone in town knows, was fine for fifty years, thank you.</p></article>";
    let doc = read(&format!(
        "<html><body><article class=story>{}</article><section id=comments>{}</section></body></html>",
        story(),
        comment.repeat(8)
    ));
    assert_story(&doc);
    assert!(!doc.text.contains("waste of money"));
}

#[test]
fn author_box_and_site_blurb_are_left_out() {
    let doc = read(&format!(
        "<html><body><div class=post><div class=entry-content>{}</div>\
         <div class=author-bio><p>Jane Roe has covered the town hall, its budgets and its quarrels for twenty \
         years, and lives by the river with two cats.</p></div></div>\
         <div class=about-site><p>The Gazette is an independent local paper.</p></div></body></html>",
        story()
    ));
    assert_story(&doc);
    assert!(!doc.text.contains("two cats") && !doc.text.contains("independent local paper"), "{:?}", doc.text);
}

#[test]
fn sibling_sections_of_one_article_are_joined() {
    let paragraphs = story();
    let parts: Vec<&str> = paragraphs.split_inclusive("</p>").collect();
    let doc = read(&format!(
        "<html><body><div class=story><div class=block>{}</div><div class=ad>Advertisement</div>\
         <div class=block>{}</div><div class=block>{}</div></div></body></html>",
        parts[0], parts[1], parts[2]
    ));
    assert!(doc.text.starts_with("The alpha paragraph"), "{:?}", doc.text);
    assert_story(&doc);
}

#[test]
fn slideshows_and_related_feeds_are_dropped() {
    let slide = "<li><img src=a.jpg><p>Slide: the mayor at the opening of a new bus route in the north.</p></li>";
    let doc = read(&format!(
        "<html><body><article><div class=slideshow><ul>{}</ul></div>{}\
         <div class=related-stories><ul><li><a href=/a>Council votes on budget</a></li>\
         <li><a href=/b>River floods again</a></li><li><a href=/c>Mayor resigns</a></li></ul></div>\
         </article></body></html>",
        slide.repeat(4),
        story()
    ));
    assert_story(&doc);
    assert!(!doc.text.contains("Slide:") && !doc.text.contains("Mayor resigns"), "{:?}", doc.text);
}

#[test]
fn hidden_text_is_dropped() {
    let doc = read(&format!(
        "<html><body><article>{}<p style='visibility: hidden'>Hidden teaser text.</p>\
         <p style=display:none>Also hidden.</p><p hidden>Hidden too.</p></article></body></html>",
        story()
    ));
    assert_story(&doc);
    assert!(!doc.text.contains("idden"), "{:?}", doc.text);
}

#[test]
fn embedded_tweets_kept_like_buttons_dropped() {
    let doc = read(&format!(
        "<html><body><article class=post><div class=entry-content>{}\
         <blockquote class=twitter-tweet><p>The bridge is finally happening!</p>&mdash; Town Hall (@townhall)\
         </blockquote></div><div class='sharedaddy sd-block sd-like'><h3>Like this:</h3><div>Loading...</div></div>\
         </article></body></html>",
        story()
    ));
    assert_story(&doc);
    assert!(doc.text.contains("The bridge is finally happening!"), "{:?}", doc.text);
    assert!(!doc.text.contains("Like this") && !doc.text.contains("Loading"), "{:?}", doc.text);
}

#[test]
fn dates_from_every_source() {
    let page =
        |head: &str, body: &str| read(&format!("<html><head>{head}</head><body>{body}{}</body></html>", story()));
    let cases = [
        (
            page(r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2021-03-04"}</script>"#, ""),
            "2021-03-04",
        ),
        (page("<meta property='og:article:published_time' content='2021-03-05T10:00:00Z'>", ""), "2021-03-05"),
        (page("<meta name='DC.date.issued' content='2021-03-06'>", ""), "2021-03-06"),
        (page("", "<time datetime='2021-03-07T08:00'>7 March</time>"), "2021-03-07"),
        (page("<link rel=canonical href='https://x.example/2021/03/08/bridge'>", ""), "2021-03-08"),
        (page("", "<p class=meta>Datum: 09.03.2021</p>"), "2021-03-09"),
        (page("", "<div class=dateline>March 10, 2021 Updated March 12, 2021</div>"), "2021-03-10"),
    ];
    for (doc, date) in cases {
        assert_eq!(doc.published.as_deref(), Some(date));
    }
}

#[test]
fn metadata_title_byline_language_and_canonical_source() {
    let doc = read(&format!(
        "<html lang=de-AT><head><title>Bridge vote - The Gazette</title><meta property=og:site_name content='The Gazette'>\
         <link rel=canonical href='https://gazette.example/bridge'></head><body><article>\
         <p class=byline>By Jane Roe</p>{}</article></body></html>",
        story()
    ));
    assert_eq!(doc.title.as_deref(), Some("Bridge vote"));
    assert_eq!(doc.byline.as_deref(), Some("Jane Roe"));
    assert!(!doc.text.contains("Jane Roe"));
    assert_eq!(doc.language, "de");
    assert_eq!(doc.source, "https://gazette.example/bridge");
}

#[test]
fn charsets_declared_late_legacy_and_undeclared() {
    let body =
        "<p>\u{17D}lu\u{165}ou\u{10D}k\u{fd} k\u{16F}\u{148} \u{fa}p\u{11B}l \u{10F}\u{e1}belsk\u{e9} \u{f3}dy, \
                \u{159}ekl starosta \u{10C}esk\u{e9} obce u \u{159}eky, kde se staví nový most.</p>";
    let (windows_1250, _, _) = encoding_rs::WINDOWS_1250.encode(body);
    for head in
        ["<meta charset=windows-1250>", &format!("<!-- {} --><meta charset=windows-1250>", "x".repeat(1500)), ""]
    {
        let page = [head.as_bytes(), &windows_1250].concat();
        let doc = read_page(&page);
        assert!(doc.text.starts_with("\u{17D}lu\u{165}ou\u{10D}k\u{fd} k\u{16F}\u{148}"), "{head:.20}: {:?}", doc.text);
    }
    let chinese = "<p>\u{5E02}\u{8BAE}\u{4F1A}\u{5468}\u{4E8C}\u{6295}\u{7968}\u{51B3}\u{5B9A}\u{91CD}\u{5EFA}\u{6CB3}\u{4E0A}\u{7684}\u{8001}\u{6865}\u{3002}</p>";
    let (gb, _, _) = encoding_rs::GBK.encode(chinese);
    let doc =
        read_page(&[b"<meta http-equiv=Content-Type content='text/html; charset=gb2312'>".as_slice(), &gb].concat());
    assert_eq!(doc.text, "\u{5E02}\u{8BAE}\u{4F1A}\u{5468}\u{4E8C}\u{6295}\u{7968}\u{51B3}\u{5B9A}\u{91CD}\u{5EFA}\u{6CB3}\u{4E0A}\u{7684}\u{8001}\u{6865}\u{3002}");
}

#[test]
fn utf16_meta_in_ascii_and_stray_nul_bytes() {
    let doc = read(&format!("<html><head><meta charset='utf-16'></head><body>{}</body></html>", story()));
    assert_story(&doc);
    let page = format!("<html><body>{}\0</body></html>", story());
    assert_story(&read(&page));
}
