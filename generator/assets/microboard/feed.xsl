<?xml version="1.0" encoding="utf-8"?>
<!-- Shows a Microboard Atom feed as a page when someone opens it in a browser: what a feed is, how to
     subscribe (a feed reader, or a service that e-mails new entries), and the projects it lists. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
          .about { background: #eef7f6; border-left: 4px solid #00796b; padding: 0.6rem 1rem; }
          code { background: #f3f3f3; padding: 0.1rem 0.3rem; word-break: break-all; }
          li { margin-bottom: 1rem; }
          .facts { color: #555; font-size: 0.9rem; }
        </style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <section class="about" aria-label="How to follow this feed">
          <p><strong>This is a feed.</strong> It lists new projects as they are posted. To follow it, copy this
            page's address from the address bar and add it to a feed reader (for example Feedly, Inoreader,
            NetNewsWire or Thunderbird): new projects then come to you, and you never have to check the board.</p>
          <p>Prefer e-mail? A feed-to-e-mail service (for example Blogtrottr or Feedrabbit) sends you a message
            for each new project when you give it this address.</p>
        </section>
        <p><a href="{atom:link[@rel='alternate']/@href}">Back to the board</a></p>
        <h2>Newest projects in this feed</h2>
        <ol>
          <xsl:for-each select="atom:entry">
            <li>
              <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
              <xsl:text> · </xsl:text><xsl:value-of select="atom:author/atom:name"/>
              <div class="facts"><xsl:value-of select="atom:summary"/></div>
            </li>
          </xsl:for-each>
        </ol>
        <xsl:if test="not(atom:entry)"><p>No open project in this feed right now. New ones will appear here.</p></xsl:if>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
