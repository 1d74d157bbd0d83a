#pragma once

#include <QImage>
#include <QString>

// Render tests grab their page to catch layout that cannot paint; set GDBM_SCREENSHOT_DIR to
// keep the pictures and look at them. Returns false only when a kept picture cannot be written.
inline bool keepScreenshot(const QImage& image, const QString& name)
{
    const QString dir = qEnvironmentVariable("GDBM_SCREENSHOT_DIR");
    return dir.isEmpty() || image.save(dir + '/' + name + ".png");
}
